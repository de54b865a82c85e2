// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.web;

import io.javalin.http.Context;
import org.jspecify.annotations.Nullable;

/** The account and region filters every page keeps in its URL. */
record Filters(@Nullable String account, @Nullable String region) {
  static Filters of(Context ctx) {
    String account = blank(ctx.queryParam("account"));
    String region = blank(ctx.queryParam("region"));
    if (account != null && !account.matches("[0-9A-Za-z-]{1,64}")) {
      throw new ApiException(400, "account must be an account id");
    }
    if (region != null && !region.matches("[a-z0-9-]{1,32}")) {
      throw new ApiException(400, "region must be a region name such as us-east-1");
    }
    return new Filters(account, region);
  }

  private static @Nullable String blank(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
