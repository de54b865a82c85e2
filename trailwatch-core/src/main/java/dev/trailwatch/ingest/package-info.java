// SPDX-License-Identifier: Apache-2.0
/** The ingest use case: sources to parser to store, with the files ledger, crash safety and progress. */
@NullMarked
package dev.trailwatch.ingest;

import org.jspecify.annotations.NullMarked;
