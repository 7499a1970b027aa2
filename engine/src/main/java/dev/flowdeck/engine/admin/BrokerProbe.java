package dev.flowdeck.engine.admin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Notices a broker that stopped answering before Kafka does. A killed or unreachable broker stays in the cluster's
 * broker list, leading its partitions, until the controller fences it for missing heartbeats
 * ({@code broker.session.timeout.ms}, 9 s by default); until then the cluster's metadata looks healthy. A TCP connect
 * to the broker's advertised address tells at once: refused for a dead process, no answer within the timeout for a
 * dead host or network.
 *
 * <p>All brokers are tried at once (non-blocking connects on one selector), so one probe takes at most the timeout,
 * and the connection is closed as soon as it is made: the broker sees a client that connects and leaves without a
 * request.
 */
final class BrokerProbe {
    /** A broker that did not answer the last probe, and since when it has not. */
    record Silent(ClusterState.Broker broker, long sinceMs) {
    }

    private final long timeoutMs;
    private final Map<Integer, Long> silentSince = new HashMap<>();

    BrokerProbe(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    /** Probes the brokers that the cluster lists as up; returns those that did not answer, longest silent first. */
    List<Silent> probe(List<ClusterState.Broker> brokers, long nowMs) throws InterruptedException {
        List<ClusterState.Broker> listed = brokers.stream().filter(b -> b.up() && !b.host().isEmpty()).toList();
        Set<Integer> answered = answering(listed, timeoutMs);
        List<Silent> silent = new ArrayList<>();
        Set<Integer> stillListed = new HashSet<>();
        for (ClusterState.Broker b : listed) {
            stillListed.add(b.id());
            if (answered.contains(b.id())) {
                silentSince.remove(b.id());
            } else {
                silent.add(new Silent(b, silentSince.computeIfAbsent(b.id(), id -> nowMs)));
            }
        }
        silentSince.keySet().retainAll(stillListed); // fenced brokers are the cluster's news from now on
        silent.sort((a, b) -> Long.compare(a.sinceMs(), b.sinceMs()));
        return silent;
    }

    /** The ids of the brokers that accepted a TCP connection within {@code timeoutMs}. */
    static Set<Integer> answering(List<ClusterState.Broker> brokers, long timeoutMs) throws InterruptedException {
        Set<Integer> answered = new HashSet<>();
        List<SocketChannel> opened = new ArrayList<>();
        try (Selector selector = Selector.open()) {
            for (ClusterState.Broker b : brokers) {
                try {
                    SocketChannel ch = SocketChannel.open();
                    opened.add(ch);
                    ch.configureBlocking(false);
                    if (ch.connect(new InetSocketAddress(b.host(), b.port()))) {
                        answered.add(b.id());
                    } else {
                        ch.register(selector, SelectionKey.OP_CONNECT, b.id());
                    }
                } catch (IOException | RuntimeException refusedOrUnresolved) {
                    // not answering
                }
            }
            long deadline = System.nanoTime() + timeoutMs * 1_000_000;
            while (!selector.keys().isEmpty()) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    break;
                }
                selector.select(left);
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    try {
                        if (((SocketChannel) key.channel()).finishConnect()) {
                            answered.add((Integer) key.attachment());
                        }
                    } catch (IOException refused) {
                        // not answering
                    }
                    key.cancel();
                }
                selector.selectedKeys().clear();
                selector.selectNow(); // flushes the cancelled keys out of keys()
            }
        } catch (IOException e) {
            throw new AdminException("cannot probe the brokers: " + e.getMessage(), e);
        } finally {
            for (SocketChannel ch : opened) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // closing a probe connection
                }
            }
        }
        return answered;
    }

    /**
     * The Kafka card's words for brokers that stopped answering, e.g. "broker 2 (127.0.0.1:9092) not answering for
     * 4 s; Kafka moves its partitions after the 9 s session timeout".
     *
     * @param nowMs the time to count the silence to, or -1 for the words without it (one entry per silence in the
     *              watch's change log)
     */
    static String describe(List<Silent> silent, long nowMs, long sessionTimeoutMs) {
        StringBuilder text = new StringBuilder();
        for (Silent s : silent) {
            text.append(text.isEmpty() ? "" : ", ").append("broker ").append(s.broker().id()).append(" (")
                    .append(s.broker().address()).append(") not answering");
            if (nowMs >= 0) {
                text.append(" for ").append(Math.max(0, (nowMs - s.sinceMs()) / 1000)).append(" s");
            }
        }
        boolean one = silent.size() == 1;
        return text + "; Kafka moves " + (one ? "its" : "their") + " partitions after the "
                + Human.duration(sessionTimeoutMs) + " session timeout";
    }
}
