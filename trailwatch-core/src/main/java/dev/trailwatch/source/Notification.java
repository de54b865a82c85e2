// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One message of a notification queue, understood: the log files it announces, or why it needs no reading,
 * or why it cannot be used.
 *
 * @param id the queue's message id
 * @param source where it came from, as the problems table names it: {@code sqs://host/account/queue#id}
 * @param files the announced files that exist (with their size and ETag)
 * @param ignored why nothing needs reading (an S3 test event, CloudTrail's validation message, a removal), or null
 * @param problem why the message cannot be used (not a notification, or it names a file that does not
 *     exist), or null; such a message is left on the queue for its dead-letter policy
 * @param body the message text, kept with a problem
 */
public record Notification(String id, String source, List<LogFile> files, @Nullable String ignored, @Nullable String problem, String body) {
  public Notification {
    files = List.copyOf(files);
  }
}
