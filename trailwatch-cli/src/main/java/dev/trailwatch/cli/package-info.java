// SPDX-License-Identifier: Apache-2.0
/** The {@code trailwatch} command line: picocli commands that call the use cases; Main wires everything. */
@NullMarked
package dev.trailwatch.cli;

import org.jspecify.annotations.NullMarked;
