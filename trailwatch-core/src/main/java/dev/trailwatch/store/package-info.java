// SPDX-License-Identifier: Apache-2.0
/** Storage ports: where events, the files ledger, problems and raw records are kept (interfaces and values). */
@NullMarked
package dev.trailwatch.store;

import org.jspecify.annotations.NullMarked;
