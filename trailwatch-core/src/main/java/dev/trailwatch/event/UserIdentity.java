// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import org.jspecify.annotations.Nullable;

/**
 * The {@code userIdentity} block, with the session issuer and MFA attribute flattened in. Every part may be
 * absent: service events and old records omit most of it.
 */
public record UserIdentity(
    @Nullable String type,
    @Nullable String principalId,
    @Nullable String arn,
    @Nullable String accountId,
    @Nullable String accessKeyId,
    @Nullable String userName,
    @Nullable String invokedBy,
    @Nullable String sessionIssuerType,
    @Nullable String sessionIssuerArn,
    @Nullable String sessionIssuerUserName,
    @Nullable String sessionIssuerAccountId,
    TriState mfaAuthenticated) {

  public static final UserIdentity ABSENT =
      new UserIdentity(null, null, null, null, null, null, null, null, null, null, null, TriState.ABSENT);

  /**
   * Who acted, as one short name: {@code root} for the root user, else the user name, else the role session
   * ({@code Role/session}) or federated user from the ARN, else the session issuer's name, else the service
   * that acted ({@code invokedBy}), else the principal or account id; {@code unknown} when nothing is given.
   */
  public String actor() {
    if ("Root".equals(type)) {
      return "root";
    }
    if (userName != null && !userName.isEmpty()) {
      return userName;
    }
    if (arn != null) {
      String session = afterMarker(arn, ":assumed-role/");
      if (session == null) {
        session = afterMarker(arn, ":federated-user/");
      }
      if (session != null) {
        return session;
      }
    }
    if (sessionIssuerUserName != null) {
      return sessionIssuerUserName;
    }
    if (invokedBy != null) {
      return invokedBy;
    }
    if (principalId != null) {
      return principalId;
    }
    return accountId != null ? accountId : "unknown";
  }

  private static @Nullable String afterMarker(String arn, String marker) {
    int at = arn.indexOf(marker);
    return at < 0 || at + marker.length() >= arn.length() ? null : arn.substring(at + marker.length());
  }
}
