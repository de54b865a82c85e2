// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.generate;

import org.jspecify.annotations.Nullable;

/** A {@code userIdentity} block as CloudTrail writes it for each identity type. */
record Identity(
    String type,
    @Nullable String principalId,
    @Nullable String arn,
    @Nullable String accountId,
    @Nullable String accessKeyId,
    @Nullable String userName,
    @Nullable String invokedBy,
    @Nullable String issuerType,
    @Nullable String issuerName,
    boolean mfa) {

  static final Identity NONE = new Identity("", null, null, null, null, null, null, null, null, false);

  static Identity root(String account, @Nullable String invokedBy) {
    return new Identity("Root", account, "arn:aws:iam::" + account + ":root", account, "ASIA" + account.substring(0, 8) + "ROOT",
        null, invokedBy, null, null, false);
  }

  static Identity iamUser(String account, String user, String accessKey) {
    return new Identity("IAMUser", "AIDA" + tag(account, user), "arn:aws:iam::" + account + ":user/" + user, account,
        accessKey, user, null, null, null, false);
  }

  static Identity assumedRole(String account, String role, String session, boolean mfa, String accessKey) {
    return new Identity("AssumedRole", "AROA" + tag(account, role) + ":" + session,
        "arn:aws:sts::" + account + ":assumed-role/" + role + "/" + session, account, accessKey, null, null, "Role",
        role, mfa);
  }

  static Identity federated(String account, String user, String issuerUser) {
    return new Identity("FederatedUser", account + ":" + user, "arn:aws:sts::" + account + ":federated-user/" + user,
        account, "ASIA" + tag(account, user), null, null, "IAMUser", issuerUser, false);
  }

  static Identity service(String service) {
    return new Identity("AWSService", null, null, null, null, null, service, null, null, false);
  }

  static Identity awsAccount(String fromAccount) {
    return new Identity("AWSAccount", "AIDA" + tag(fromAccount, "partner"), null, fromAccount, null, null, null, null, null, false);
  }

  static Identity identityCenterUser(String account, String user) {
    return new Identity("IdentityCenterUser", tag(account, user).toLowerCase(java.util.Locale.ROOT), null, account, null,
        user, null, null, null, false);
  }

  /** A stable 16-character upper-case tag for ids derived from names. */
  static String tag(String a, String b) {
    long h = 1125899906842597L;
    for (char c : (a + "/" + b).toCharArray()) {
      h = 31 * h + c;
    }
    String s = Long.toString(Math.abs(h), 36).toUpperCase(java.util.Locale.ROOT);
    return (s + "QWERTYUIOPASDFGH").substring(0, 16);
  }
}
