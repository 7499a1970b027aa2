package dev.flowdeck.engine.topology;

import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.shortestpath.FloydWarshallShortestPaths;
import org.jgrapht.graph.AsSubgraph;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * For one set of failed nodes: every client's routes to the CDN servers (the origin and the edges) that are up and
 * reachable, nearest first. CDN traffic leaves a client over one of its ACCESS links or its DIRECT link to the
 * origin and then crosses only the CDN's own network (edges and origin), the shortest way (JGraphT Floyd–Warshall
 * over the servers that are up). A test checks these are exactly the flat graph's shortest paths. Clients never relay CDN traffic and peer links never carry it, so these routes are
 * the same in the flat and in the hybrid topology.
 */
final class CdnRoutes {
    private final int servers;
    private final int firstClient;
    private final int[] count;
    private final int[] server;
    private final double[] latency;
    private final int[] hops;
    private final int[] firstLink;
    private final int[] via;
    private final int[][] serverPath;

    private CdnRoutes(int servers, int clients, int firstClient) {
        this.servers = servers;
        this.firstClient = firstClient;
        this.count = new int[clients];
        this.server = new int[clients * servers];
        this.latency = new double[clients * servers];
        this.hops = new int[clients * servers];
        this.firstLink = new int[clients * servers];
        this.via = new int[clients * servers];
        this.serverPath = new int[servers * servers][];
    }

    static CdnRoutes compute(Topology t, RunSettings run) {
        int servers = t.serverCount();
        CdnRoutes routes = new CdnRoutes(servers, t.clientCount(), t.firstClient());
        Set<Integer> up = new HashSet<>();
        for (int s = 0; s < servers; s++) {
            if (!run.isFailed(s)) {
                up.add(s);
            }
        }
        Graph<Integer, Link> core = new AsSubgraph<>(t.flat(), up);
        FloydWarshallShortestPaths<Integer, Link> paths = new FloydWarshallShortestPaths<>(core);
        double[] distance = new double[servers * servers];
        java.util.Arrays.fill(distance, Double.POSITIVE_INFINITY);
        for (int a : up) {
            for (int b : up) {
                GraphPath<Integer, Link> p = paths.getPath(a, b);
                if (p != null) {
                    distance[a * servers + b] = p.getWeight();
                    List<Link> edges = p.getEdgeList();
                    int[] ids = new int[edges.size()];
                    for (int i = 0; i < ids.length; i++) {
                        ids[i] = edges.get(i).index();
                    }
                    routes.serverPath[a * servers + b] = ids;
                }
            }
        }
        List<Link> links = t.links();
        double[] best = new double[servers];
        int[] bestLink = new int[servers];
        int[] bestVia = new int[servers];
        for (int k = 0; k < t.clientCount(); k++) {
            int c = t.firstClient() + k;
            if (run.isFailed(c)) {
                continue;
            }
            java.util.Arrays.fill(best, Double.POSITIVE_INFINITY);
            // Entries into the CDN's network: an ACCESS link to each edge of the region, the DIRECT link to the origin.
            int[] access = t.accessLinks(c);
            for (int j = 0; j <= access.length; j++) {
                Link l = links.get(j < access.length ? access[j] : t.directLink(c));
                int entry = l.other(c);
                if (run.isFailed(entry)) {
                    continue;
                }
                for (int s = 0; s < servers; s++) {
                    double d = l.latencyMs() + distance[entry * servers + s];
                    if (d < best[s]) {
                        best[s] = d;
                        bestLink[s] = l.index();
                        bestVia[s] = entry;
                    }
                }
            }
            routes.fill(k, best, bestLink, bestVia);
        }
        return routes;
    }

    /** Keeps the reachable servers in order of latency (ties by id), by insertion sort: there are only a few. */
    private void fill(int k, double[] best, int[] bestLink, int[] bestVia) {
        int base = k * servers;
        int n = 0;
        for (int s = 0; s < servers; s++) {
            if (best[s] == Double.POSITIVE_INFINITY) {
                continue;
            }
            int i = n++;
            while (i > 0 && latency[base + i - 1] > best[s]) {
                server[base + i] = server[base + i - 1];
                latency[base + i] = latency[base + i - 1];
                firstLink[base + i] = firstLink[base + i - 1];
                via[base + i] = via[base + i - 1];
                i--;
            }
            server[base + i] = s;
            latency[base + i] = best[s];
            firstLink[base + i] = bestLink[s];
            via[base + i] = bestVia[s];
        }
        count[k] = n;
        for (int i = 0; i < n; i++) {
            hops[base + i] = 1 + serverPath[via[base + i] * servers + server[base + i]].length;
        }
    }

    /** How many servers client node {@code c} can reach. */
    int reachable(int c) {
        return count[c - firstClient];
    }

    /** The i-th nearest reachable server of client node {@code c}. */
    int server(int c, int i) {
        return server[(c - firstClient) * servers + i];
    }

    /** One-way latency of that route in ms. */
    double latencyMs(int c, int i) {
        return latency[(c - firstClient) * servers + i];
    }

    int hops(int c, int i) {
        return hops[(c - firstClient) * servers + i];
    }

    /** Adds {@code amount} to every link of that route. */
    void addTraffic(int c, int i, double[] linkBytes, double amount) {
        int slot = (c - firstClient) * servers + i;
        linkBytes[firstLink[slot]] += amount;
        for (int id : serverPath[via[slot] * servers + server[slot]]) {
            linkBytes[id] += amount;
        }
    }
}
