// SPDX-License-Identifier: Apache-2.0
/** Where log files come from: local folders now, S3 and SQS in trailwatch-aws. */
@NullMarked
package dev.trailwatch.source;

import org.jspecify.annotations.NullMarked;
