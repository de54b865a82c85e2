// SPDX-License-Identifier: Apache-2.0
/** Test fixtures shared by the modules' tests: the sample corpus and record builders. */
@NullMarked
package dev.trailwatch.testkit;

import org.jspecify.annotations.NullMarked;
