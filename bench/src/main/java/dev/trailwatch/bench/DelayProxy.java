// SPDX-License-Identifier: Apache-2.0
package dev.trailwatch.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP relay on 127.0.0.1 that holds every chunk a client sends for a while before passing it on: a loopback
 * S3-compatible server then answers as one across a network does, each request a round trip later. Bytes pass
 * unchanged, so SigV4 signatures (which cover the Host header) still verify.
 *
 * <pre>java -cp bench/target/benchmarks.jar dev.trailwatch.bench.DelayProxy LISTEN_PORT TARGET_PORT DELAY_MS</pre>
 */
public final class DelayProxy {
  private DelayProxy() {}

  public static void main(String[] args) throws IOException {
    int listen = Integer.parseInt(args[0]);
    int target = Integer.parseInt(args[1]);
    long delay = Long.parseLong(args[2]);
    try (ServerSocket server = new ServerSocket(listen, 512, InetAddress.getLoopbackAddress())) {
      System.out.println("relaying 127.0.0.1:" + listen + " to 127.0.0.1:" + target + ", each request " + delay + " ms late");
      while (true) {
        Socket client = server.accept();
        Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
        client.setTcpNoDelay(true);
        upstream.setTcpNoDelay(true);
        pump(client, upstream, delay);
        pump(upstream, client, 0);
      }
    }
  }

  /** Copies {@code from} to {@code to} on a thread of its own, each chunk {@code delay} ms late; closes both at the end. */
  private static void pump(Socket from, Socket to, long delay) {
    Thread t = new Thread(() -> {
      byte[] buf = new byte[1 << 16];
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
          if (delay > 0) {
            Thread.sleep(delay);
          }
          out.write(buf, 0, n);
          out.flush();
        }
      } catch (IOException e) {
        closeQuietly(to); // the other side went away: so does this connection
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } finally {
        closeQuietly(to);
      }
    });
    t.setDaemon(true);
    t.start();
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      System.err.println("closing a relayed connection: " + e.getMessage());
    }
  }
}
