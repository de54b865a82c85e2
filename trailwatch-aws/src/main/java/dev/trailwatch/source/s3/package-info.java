// SPDX-License-Identifier: Apache-2.0
/** CloudTrail logs in S3: one bucket with many accounts' trails or an organization trail. */
@NullMarked
package dev.trailwatch.source.s3;

import org.jspecify.annotations.NullMarked;
