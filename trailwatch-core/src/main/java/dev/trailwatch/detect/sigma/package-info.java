// SPDX-License-Identifier: Apache-2.0
/**
 * Sigma rules (SigmaHQ specification): the parser with file:line:column errors, the condition and value
 * AST, modifiers and correlation rules. Where the specification is silent, behaviour follows pySigma.
 */
@NullMarked
package dev.trailwatch.detect.sigma;

import org.jspecify.annotations.NullMarked;
