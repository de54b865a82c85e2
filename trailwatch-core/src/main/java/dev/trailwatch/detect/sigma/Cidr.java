// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.detect.sigma;

import java.math.BigInteger;

/** An IPv4 or IPv6 network, parsed without DNS (never {@code InetAddress.getByName} on event text). */
public record Cidr(byte[] network, int prefix) {
  /** Parses {@code 10.0.0.0/8} or {@code 2001:db8::/32}; throws IllegalArgumentException when it is not one. */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    byte[] address = IpAddresses.parse(slash < 0 ? text : text.substring(0, slash));
    if (address == null) {
      throw new IllegalArgumentException("not a CIDR network: " + text);
    }
    int bits = address.length * 8;
    int prefix;
    try {
      prefix = slash < 0 ? bits : Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a CIDR network: " + text, e);
    }
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("CIDR prefix out of range: " + text);
    }
    return new Cidr(address, prefix);
  }

  /** True when {@code ip} is an address of the same family inside this network. */
  public boolean contains(String ip) {
    byte[] a = IpAddresses.parse(ip);
    if (a == null || a.length != network.length) {
      return false;
    }
    BigInteger mask = prefix == 0 ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(prefix).subtract(BigInteger.ONE).shiftLeft(a.length * 8 - prefix);
    return new BigInteger(1, a).and(mask).equals(new BigInteger(1, network).and(mask));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && c.prefix == prefix && java.util.Arrays.equals(c.network, network);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(network) * 31 + prefix;
  }

  @Override
  public String toString() {
    return java.util.Arrays.toString(network) + "/" + prefix;
  }
}
