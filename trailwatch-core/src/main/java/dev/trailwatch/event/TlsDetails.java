// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.event;

import org.jspecify.annotations.Nullable;

/** The {@code tlsDetails} block of a record; every part may be absent. */
public record TlsDetails(
    @Nullable String tlsVersion,
    @Nullable String cipherSuite,
    @Nullable String clientProvidedHostHeader) {
  public static final TlsDetails ABSENT = new TlsDetails(null, null, null);
}
