// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.source.s3;

/** A bucket that cannot be listed (missing, no permission, unreachable); the message is why, without the bucket's name. */
public final class S3SourceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public S3SourceException(String message, Throwable cause) {
    super(message, cause);
  }
}
