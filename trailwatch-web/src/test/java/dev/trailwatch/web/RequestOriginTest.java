// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestOriginTest {
  @Test
  void loopbackNamesWithOrWithoutAPortAreThisMachine() {
    for (String host : new String[] {"127.0.0.1:8080", "127.0.0.1", "LOCALHOST:8080", "localhost", "[::1]:8080", "[::1]", "127.1.2.3:80", null, ""}) {
      assertThat(RequestOrigin.loopbackHost(host)).as(String.valueOf(host)).isTrue();
    }
  }

  @Test
  void anyOtherNameIsNot() {
    for (String host : new String[] {"evil.example:8080", "localhost.evil.example", "127.0.0.1.evil.example:8080", "10.0.0.5:8080",
        "[::2]:8080", "[::1].evil.example", "0.0.0.0:8080", "127.0.0.1.:8080"}) {
      assertThat(RequestOrigin.loopbackHost(host)).as(host).isFalse();
    }
  }

  @Test
  void anOriginIsTheSameOnlyWhenItNamesTheHostTheRequestWentTo() {
    assertThat(RequestOrigin.sameOrigin(null, "127.0.0.1:8080")).as("no Origin: not a page").isTrue();
    assertThat(RequestOrigin.sameOrigin("http://127.0.0.1:8080", "127.0.0.1:8080")).isTrue();
    assertThat(RequestOrigin.sameOrigin("http://LOCALHOST:8080", "localhost:8080")).isTrue();
    assertThat(RequestOrigin.sameOrigin("http://127.0.0.1:9090", "127.0.0.1:8080")).isFalse();
    assertThat(RequestOrigin.sameOrigin("https://evil.example", "127.0.0.1:8080")).isFalse();
    assertThat(RequestOrigin.sameOrigin("null", "127.0.0.1:8080")).as("a sandboxed page or a file").isFalse();
    assertThat(RequestOrigin.sameOrigin("http://[::1]:8080", "[::1]:8080")).isTrue();
    assertThat(RequestOrigin.sameOrigin("not a uri at all", "127.0.0.1:8080")).isFalse();
    assertThat(RequestOrigin.sameOrigin("http://127.0.0.1:8080", null)).isFalse();
  }
}
