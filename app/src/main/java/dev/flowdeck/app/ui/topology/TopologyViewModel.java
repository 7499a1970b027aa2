package dev.flowdeck.app.ui.topology;

import dev.flowdeck.engine.admin.Human;
import dev.flowdeck.app.ui.kit.TaskRunner;
import dev.flowdeck.engine.topology.DeliveryComparison;
import dev.flowdeck.engine.topology.DeliveryMetrics;
import dev.flowdeck.engine.topology.DeliveryResult;
import dev.flowdeck.engine.topology.DeliverySimulation;
import dev.flowdeck.engine.topology.Role;
import dev.flowdeck.engine.topology.RunSettings;
import dev.flowdeck.engine.topology.Topology;
import dev.flowdeck.engine.topology.TopologyLayout;
import dev.flowdeck.engine.topology.TopologySettings;
import io.fair_acc.dataset.DataSet;
import io.fair_acc.dataset.spi.DoubleDataSet;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Topology page's state. Any setting or failure change schedules one simulation on the task runner; while one
 * runs, further changes coalesce into a single follow-up run with the latest values. Results come back as a
 * {@link TopologyScene}; the comparison table, the node details and the chart data sets follow from it. Chart data
 * sets are filled on the worker thread under their write lock (ChartFX can deadlock when they are filled on the FX
 * thread, see STACK-NOTES).
 */
public final class TopologyViewModel {
    static final List<String> LATENCY_CATEGORIES = List.of("mean", "p95");
    static final List<String> SHARE_CATEGORIES = List.of("offload", "origin load", "success");

    private final TaskRunner tasks;
    private final TopologySettings base;
    private final IntegerProperty clients = new SimpleIntegerProperty(this, "clients");
    private final IntegerProperty peersPerClient = new SimpleIntegerProperty(this, "peersPerClient");
    private final DoubleProperty peerUploadMbps = new SimpleDoubleProperty(this, "peerUploadMbps");
    private final DoubleProperty churn = new SimpleDoubleProperty(this, "churn");
    private final DoubleProperty zipfExponent = new SimpleDoubleProperty(this, "zipfExponent");
    private final IntegerProperty seed = new SimpleIntegerProperty(this, "seed");

    private final ReadOnlyObjectWrapper<TopologyScene> scene = new ReadOnlyObjectWrapper<>(this, "scene");
    private final ReadOnlyIntegerWrapper selectedNode = new ReadOnlyIntegerWrapper(this, "selectedNode", -1);
    private final ReadOnlyObjectWrapper<NodeDetails> details = new ReadOnlyObjectWrapper<>(this, "details");
    private final ReadOnlyObjectWrapper<Set<Integer>> failed = new ReadOnlyObjectWrapper<>(this, "failed", Set.of());
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "");
    private final ObservableList<ComparisonRow> rows = FXCollections.observableArrayList();
    private final ObservableList<ComparisonRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final DoubleDataSet latencyFlat = new DoubleDataSet("Flat CDN");
    private final DoubleDataSet latencyHybrid = new DoubleDataSet("Hybrid P2P + CDN");
    private final DoubleDataSet shareFlat = new DoubleDataSet("Flat CDN");
    private final DoubleDataSet shareHybrid = new DoubleDataSet("Hybrid P2P + CDN");

    private TaskRunner.Handle running;
    private boolean inFlight;
    private boolean rerun;
    private long version;
    // Only touched by the one job running at a time: reused while the settings that shape them stay the same.
    private Topology cachedTopology;
    private TopologyLayout cachedLayout;

    public TopologyViewModel(TaskRunner tasks, TopologySettings base, RunSettings run) {
        this.tasks = tasks;
        this.base = base;
        clients.set(base.clients());
        peersPerClient.set(base.peersPerClient());
        zipfExponent.set(base.zipfExponent());
        seed.set((int) base.seed());
        peerUploadMbps.set(run.peerUploadMbps());
        churn.set(run.churn());
        failed.set(Set.copyOf(run.failed()));
        for (var p : List.of(clients, peersPerClient, peerUploadMbps, churn, zipfExponent, seed)) {
            p.addListener((obs, was, now) -> simulate());
        }
    }

    public TopologyViewModel(TaskRunner tasks) {
        this(tasks, TopologySettings.defaults(), RunSettings.defaults());
    }

    /** Schedules a simulation of the current settings (coalesced with one already running). */
    public void simulate() {
        if (inFlight) {
            rerun = true;
            return;
        }
        TopologySettings settings;
        RunSettings run;
        try {
            settings = settings();
            run = new RunSettings(peerUploadMbps.get(), churn.get(), -1, failed.get());
        } catch (IllegalArgumentException e) {
            status.set("Check the settings: " + e.getMessage());
            return;
        }
        long v = ++version;
        inFlight = true;
        rerun = false;
        busy.set(true);
        status.set("Simulating " + fmt("%,d", settings.nodeCount()) + " nodes…");
        running = tasks.run("topology simulation", () -> compute(v, settings, run), this::show, this::failed);
    }

    private TopologyScene compute(long v, TopologySettings settings, RunSettings run) {
        long start = System.nanoTime();
        Topology topology = cachedTopology != null && cachedTopology.settings().equals(settings) ? cachedTopology : Topology.generate(settings);
        TopologyLayout layout = cachedLayout != null && cachedTopology != null
                && cachedTopology.settings().layoutKey().equals(settings.layoutKey()) ? cachedLayout : TopologyLayout.compute(topology);
        cachedTopology = topology;
        cachedLayout = layout;
        DeliveryComparison comparison = DeliverySimulation.compare(topology, run);
        GraphPicture picture = GraphPicture.of(comparison, layout);
        fillCharts(comparison);
        return new TopologyScene(v, comparison, layout, picture, (System.nanoTime() - start) / 1e6);
    }

    /** On the worker thread, under each data set's write lock. */
    private void fillCharts(DeliveryComparison c) {
        DeliveryMetrics f = c.flat().metrics();
        DeliveryMetrics h = c.hybrid().metrics();
        fill(latencyFlat, -BAR_OFFSET, f.latencyMeanMs(), f.latencyP95Ms());
        fill(latencyHybrid, BAR_OFFSET, h.latencyMeanMs(), h.latencyP95Ms());
        fill(shareFlat, -BAR_OFFSET, 100 * f.offload(), 100 * f.originLoad(), 100 * f.successRate());
        fill(shareHybrid, BAR_OFFSET, 100 * h.offload(), 100 * h.originLoad(), 100 * h.successRate());
    }

    /** Category i's flat bar sits at x = i - offset, its hybrid bar at i + offset: side by side, not on top. */
    static final double BAR_OFFSET = 0.19;

    private static void fill(DoubleDataSet set, double offset, double... values) {
        double[] x = new double[values.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i + offset;
        }
        set.lock().writeLockGuard(() -> set.set(x, values));
    }

    private void show(TopologyScene result) {
        inFlight = false;
        scene.set(result);
        DeliveryComparison c = result.comparison();
        rows.setAll(rows(c));
        summary.set(summary(c));
        status.set(String.format(Locale.ROOT, "%,d nodes, %,d links, %,d requests · simulated in %.0f ms",
                c.topology().nodeCount(), c.topology().links().size(), c.topology().requestCount(), result.computeMs()));
        refreshDetails();
        if (rerun) {
            simulate();
        } else {
            busy.set(false);
        }
    }

    private void failed(Throwable e) {
        inFlight = false;
        busy.set(false);
        status.set("Simulation failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        if (rerun) {
            simulate();
        }
    }

    TopologySettings settings() {
        return base.withSeed(seed.get()).withClients(clients.get()).withPeersPerClient(peersPerClient.get())
                .withZipfExponent(zipfExponent.get());
    }

    // ---- selection and failures ---------------------------------------------------------------------------------

    public void select(int node) {
        TopologyScene s = scene.get();
        selectedNode.set(s != null && node >= 0 && node < s.comparison().topology().nodeCount() ? node : -1);
        refreshDetails();
    }

    /** Fails the selected node, or restores it if it is down. */
    public void toggleFailSelected() {
        int node = selectedNode.get();
        if (node < 0) {
            return;
        }
        Set<Integer> next = new TreeSet<>(failed.get());
        if (!next.remove(node)) {
            next.add(node);
        }
        failed.set(Set.copyOf(next));
        refreshDetails();
        simulate();
    }

    public void restoreAll() {
        if (failed.get().isEmpty()) {
            return;
        }
        failed.set(Set.of());
        refreshDetails();
        simulate();
    }

    private void refreshDetails() {
        TopologyScene s = scene.get();
        int node = selectedNode.get();
        if (s == null || node < 0 || node >= s.comparison().topology().nodeCount()) {
            details.set(null);
            return;
        }
        details.set(details(s.comparison(), node, failed.get().contains(node)));
    }

    static NodeDetails details(DeliveryComparison c, int node, boolean down) {
        Topology t = c.topology();
        Role role = t.role(node);
        String capacity = role == Role.CLIENT
                ? fmt("%.1f Mbps upload (as a peer)", c.run().peerUploadMbps())
                : fmt("%,.0f Mbps upload", t.capacityMbps(node, c.run()));
        String holds = fmt("%,d of %,d items", t.cachedItems(node), t.settings().catalogueItems());
        String label;
        String flatLatency;
        String hybridLatency;
        switch (role) {
            case CLIENT -> {
                label = "Its own latency (mean)";
                flatLatency = Human.millis(c.flat().clientLatencyMs(node));
                hybridLatency = Human.millis(c.hybrid().clientLatencyMs(node));
            }
            case EDGE -> {
                int home = 0;
                for (int k = 0; k < t.clientCount(); k++) {
                    if (t.homeEdge(t.firstClient() + k) == node) {
                        home++;
                    }
                }
                label = fmt("Latency of its %,d clients", home);
                flatLatency = Human.millis(meanOverHomeClients(t, c.flat(), node));
                hybridLatency = Human.millis(meanOverHomeClients(t, c.hybrid(), node));
            }
            default -> {
                label = "Latency of all clients";
                flatLatency = Human.millis(c.flat().metrics().latencyMeanMs());
                hybridLatency = Human.millis(c.hybrid().metrics().latencyMeanMs());
            }
        }
        String region = t.regionName(t.region(node));
        return new NodeDetails(node, t.nodeId(node), role.name().toLowerCase(Locale.ROOT), region, capacity, holds, down,
                percent(c.flat().load(node)), percent(c.hybrid().load(node)), fmt("%,d", c.flat().served(node)),
                fmt("%,d", c.hybrid().served(node)), label, flatLatency, hybridLatency);
    }

    private static double meanOverHomeClients(Topology t, DeliveryResult r, int edge) {
        double sum = 0;
        int n = 0;
        for (int k = 0; k < t.clientCount(); k++) {
            int c = t.firstClient() + k;
            if (t.homeEdge(c) == edge && !Double.isNaN(r.clientLatencyMs(c))) {
                sum += r.clientLatencyMs(c);
                n++;
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    // ---- table ----------------------------------------------------------------------------------------------------

    static List<ComparisonRow> rows(DeliveryComparison c) {
        DeliveryMetrics f = c.flat().metrics();
        DeliveryMetrics h = c.hybrid().metrics();
        return List.of(
                new ComparisonRow("Latency, mean", Human.millis(f.latencyMeanMs()), Human.millis(h.latencyMeanMs()), change(f.latencyMeanMs(), h.latencyMeanMs())),
                new ComparisonRow("Latency, p95", Human.millis(f.latencyP95Ms()), Human.millis(h.latencyP95Ms()), change(f.latencyP95Ms(), h.latencyP95Ms())),
                new ComparisonRow("Hops, mean", fmt("%.2f", f.hopsMean()), fmt("%.2f", h.hopsMean()), change(f.hopsMean(), h.hopsMean())),
                new ComparisonRow("Offload to peers", percent(f.offload()), percent(h.offload()), points(f.offload(), h.offload())),
                new ComparisonRow("Origin load", percent(f.originLoad()), percent(h.originLoad()), points(f.originLoad(), h.originLoad())),
                new ComparisonRow("Success rate", percent(f.successRate()), percent(h.successRate()), points(f.successRate(), h.successRate())),
                new ComparisonRow("Served by peers", fmt("%,d", f.peerServed()), fmt("%,d", h.peerServed()), change(f.peerServed(), h.peerServed())),
                new ComparisonRow("Served by edge servers", fmt("%,d", f.edgeServed()), fmt("%,d", h.edgeServed()), change(f.edgeServed(), h.edgeServed())),
                new ComparisonRow("Served by the origin", fmt("%,d", f.originServed()), fmt("%,d", h.originServed()), change(f.originServed(), h.originServed())),
                new ComparisonRow("Busiest edge load", percent(f.edgeLoadMax()), percent(h.edgeLoadMax()), points(f.edgeLoadMax(), h.edgeLoadMax())),
                new ComparisonRow("Queued at the CDN", percent(f.queuedShare()), percent(h.queuedShare()), points(f.queuedShare(), h.queuedShare())));
    }

    private static String summary(DeliveryComparison c) {
        DeliveryMetrics f = c.flat().metrics();
        DeliveryMetrics h = c.hybrid().metrics();
        return fmt("Hybrid: %s of bytes from peers, mean latency %s vs %s, success %s vs %s", percent(h.offload()),
                Human.millis(h.latencyMeanMs()), Human.millis(f.latencyMeanMs()), percent(h.successRate()), percent(f.successRate()));
    }


    static String percent(double v) {
        return Double.isNaN(v) ? "–" : fmt("%.1f %%", 100 * v);
    }

    private static String change(double flat, double hybrid) {
        if (flat == 0) {
            return hybrid == 0 ? "±0" : "new";
        }
        return fmt("%+.0f %%", 100 * (hybrid - flat) / flat);
    }

    private static String points(double flat, double hybrid) {
        return fmt("%+.1f pt", 100 * (hybrid - flat));
    }

    private static String fmt(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }

    /** Stops a simulation still running. */
    public void close() {
        if (running != null) {
            running.cancel();
        }
    }

    // ---- properties -------------------------------------------------------------------------------------------

    public IntegerProperty clientsProperty() {
        return clients;
    }

    public IntegerProperty peersPerClientProperty() {
        return peersPerClient;
    }

    public DoubleProperty peerUploadMbpsProperty() {
        return peerUploadMbps;
    }

    public DoubleProperty churnProperty() {
        return churn;
    }

    public DoubleProperty zipfExponentProperty() {
        return zipfExponent;
    }

    public IntegerProperty seedProperty() {
        return seed;
    }

    public ReadOnlyObjectProperty<TopologyScene> sceneProperty() {
        return scene.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty selectedNodeProperty() {
        return selectedNode.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<NodeDetails> detailsProperty() {
        return details.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Set<Integer>> failedProperty() {
        return failed.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ObservableList<ComparisonRow> rows() {
        return rowsView;
    }

    public DataSet latencyFlat() {
        return latencyFlat;
    }

    public DataSet latencyHybrid() {
        return latencyHybrid;
    }

    public DataSet shareFlat() {
        return shareFlat;
    }

    public DataSet shareHybrid() {
        return shareHybrid;
    }

    /** A file name for the PNG export that says what is in it. */
    public String exportFileName() {
        TopologyScene s = scene.get();
        TopologySettings st = settings();
        return fmt("flowdeck-topology-seed%d-%dclients-%dpeers-%.1fmbps-churn%.2f%s.png", st.seed(), st.clients(),
                st.peersPerClient(), peerUploadMbps.get(), churn.get(),
                s == null || failed.get().isEmpty() ? "" : "-" + failed.get().size() + "failed");
    }
}
