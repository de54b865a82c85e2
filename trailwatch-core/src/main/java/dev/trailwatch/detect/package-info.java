// SPDX-License-Identifier: Apache-2.0
/** Detection: rules, the engine that runs them on each event, matches and findings. */
@NullMarked
package dev.trailwatch.detect;

import org.jspecify.annotations.NullMarked;
