// SPDX-License-Identifier: Apache-2.0
/** CloudTrail records: the typed event model and the streaming parser that finds records in any log format. */
@NullMarked
package dev.trailwatch.event;

import org.jspecify.annotations.NullMarked;
