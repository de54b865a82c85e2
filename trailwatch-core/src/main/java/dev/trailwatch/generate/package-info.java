// SPDX-License-Identifier: Apache-2.0
/**
 * The synthetic multi-account corpus: CloudTrail files as CloudTrail delivers them to S3, with planted
 * incidents, for tests, benchmarks and the demo. Same seed, same bytes.
 */
@NullMarked
package dev.trailwatch.generate;

import org.jspecify.annotations.NullMarked;
