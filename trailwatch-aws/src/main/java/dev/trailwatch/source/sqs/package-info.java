// SPDX-License-Identifier: Apache-2.0
/** New CloudTrail files announced on SQS: CloudTrail's SNS messages, S3 event notifications, EventBridge. */
@NullMarked
package dev.trailwatch.source.sqs;

import org.jspecify.annotations.NullMarked;
