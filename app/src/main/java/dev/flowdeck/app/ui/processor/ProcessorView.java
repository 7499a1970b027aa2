package dev.flowdeck.app.ui.processor;

import atlantafx.base.theme.Styles;
import dev.flowdeck.engine.stream.ProcessorInsight;
import dev.flowdeck.engine.stream.ProcessorSettings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Spinner;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Line;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Text;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The Processor page: the topology graph across the top; instances, threads and tasks, restores and settings below it. */
final class ProcessorView {
    private static final Pattern MEMBER = Pattern.compile("(StreamThread-\\d+)-consumer-([0-9a-f]{8})");
    private final ProcessorViewModel vm;

    ProcessorView(ProcessorViewModel vm) {
        this.vm = vm;
    }

    Node build() {
        BorderPane page = new BorderPane();
        page.setId("processor");
        page.getStylesheets().add(ProcessorView.class.getResource("processor.css").toExternalForm());
        Label title = new Label("Processor");
        title.getStyleClass().add(Styles.TITLE_3);
        Label headline = new Label();
        headline.setId("processor-headline");
        headline.textProperty().bind(vm.headlineProperty());
        headline.getStyleClass().add(Styles.TEXT_MUTED);
        Label figures = new Label();
        figures.setId("processor-figures");
        figures.textProperty().bind(vm.figuresProperty());
        title.setMinWidth(Label.USE_PREF_SIZE);
        VBox top = new VBox(2, new HBox(12, title, headline), figures);
        ((HBox) top.getChildren().get(0)).setAlignment(Pos.BASELINE_LEFT);
        top.setPadding(new Insets(10, 12, 8, 12));
        page.setTop(top);

        Pane graph = new Pane();
        graph.setId("processor-graph");
        graph.getStyleClass().add("processor-graph");
        vm.graphProperty().addListener((o, was, now) -> draw(graph, now));
        draw(graph, vm.graphProperty().get());
        ScrollPane graphScroll = new ScrollPane(graph);
        graphScroll.setPannable(true);

        // The graph is wide (one column per step, a band per subtopology) and short: it gets the page's whole width,
        // the four panels share the space below, two by two.
        GridPane panels = new GridPane();
        panels.setHgap(8);
        panels.setVgap(8);
        panels.setPadding(new Insets(8));
        panels.add(grow(titled("Group members (stream threads of every worker)", instanceTable())), 0, 0);
        panels.add(grow(titled("This instance: threads and tasks", taskTable())), 1, 0);
        panels.add(grow(titled("State restores", restoreTable())), 0, 1);
        panels.add(grow(settingsForm()), 1, 1);
        for (int c = 0; c < 2; c++) {
            ColumnConstraints column = new ColumnConstraints();
            column.setPercentWidth(50);
            panels.getColumnConstraints().add(column);
        }
        ScrollPane panelScroll = new ScrollPane(panels);
        panelScroll.setFitToWidth(true);

        SplitPane split = new SplitPane(graphScroll, panelScroll);
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.45);
        page.setCenter(split);
        return page;
    }

    private static Node grow(TitledPane region) {
        region.setMaxWidth(Double.MAX_VALUE);
        region.setMaxHeight(Double.MAX_VALUE);
        GridPane.setHgrow(region, Priority.ALWAYS);
        GridPane.setVgrow(region, Priority.ALWAYS);
        return region;
    }

    private static TitledPane titled(String text, Node content) {
        TitledPane p = new TitledPane(text, content);
        p.setCollapsible(false);
        return p;
    }

    private TableView<ProcessorInsight.Instance> instanceTable() {
        TableView<ProcessorInsight.Instance> t = new TableView<>(vm.instances());
        t.setId("instance-table");
        t.getStyleClass().add(Styles.DENSE);
        t.setPrefHeight(150);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(new Label("No members yet: they appear once Kafka Streams has joined its group."));
        t.getColumns().add(column("Host", 100, i -> host(i.host())));
        t.getColumns().add(column("Member", 230, i -> shortMember(i.memberId())));
        t.getColumns().add(wrapping(column("Partitions", 200, i -> String.join(", ", i.partitions()))));
        return t;
    }

    private TableView<ProcessorViewModel.TaskRow> taskTable() {
        TableView<ProcessorViewModel.TaskRow> t = new TableView<>(vm.taskRows());
        t.setId("task-table");
        t.getStyleClass().add(Styles.DENSE);
        t.setPrefHeight(170);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(new Label("No tasks on this instance (the others may own every partition)."));
        t.getColumns().add(column("Thread", 150, r -> r.thread().replaceFirst("^.*-(StreamThread-\\d+)$", "$1")));
        t.getColumns().add(column("Task", 50, ProcessorViewModel.TaskRow::task));
        t.getColumns().add(column("Kind", 60, ProcessorViewModel.TaskRow::kind));
        t.getColumns().add(wrapping(column("Input partitions", 220, ProcessorViewModel.TaskRow::partitions)));
        t.getColumns().add(column("Lag", 60, r -> r.lag() < 0 ? "–" : Long.toString(r.lag())));
        return t;
    }

    private TableView<ProcessorInsight.Restore> restoreTable() {
        TableView<ProcessorInsight.Restore> t = new TableView<>(vm.restores());
        t.setId("restore-table");
        t.getStyleClass().add(Styles.DENSE);
        t.setPrefHeight(110);
        t.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        t.setPlaceholder(new Label("Nothing restored: the stores were up to date."));
        t.getColumns().add(column("Store", 120, ProcessorInsight.Restore::store));
        t.getColumns().add(wrapping(column("Changelog partition", 230, ProcessorInsight.Restore::changelogPartition)));
        t.getColumns().add(column("Restored", 130, r -> r.done() && r.total() == 0 ? "up to date"
                : r.restored() + " / " + r.total() + (r.done() ? " done" : "")));
        return t;
    }

    private TitledPane settingsForm() {
        Spinner<Integer> threads = new Spinner<>(1, 16, vm.streamThreadsProperty().get());
        threads.setId("stream-threads");
        threads.setEditable(true);
        threads.setPrefWidth(80);
        threads.setMinWidth(80);
        threads.getValueFactory().valueProperty().addListener((o, was, now) -> vm.streamThreadsProperty().set(now));
        vm.streamThreadsProperty().addListener((o, was, now) -> threads.getValueFactory().setValue(now.intValue()));
        TextField commit = new TextField();
        commit.setId("commit-interval");
        commit.setPrefColumnCount(6);
        commit.textProperty().bindBidirectional(vm.commitIntervalMsProperty());
        ChoiceBox<String> guarantee = new ChoiceBox<>(FXCollections.observableArrayList(ProcessorSettings.EXACTLY_ONCE_V2,
                ProcessorSettings.AT_LEAST_ONCE));
        guarantee.setId("processing-guarantee");
        guarantee.valueProperty().bindBidirectional(vm.guaranteeProperty());
        Button apply = new Button("Apply");
        apply.setId("apply-processor-settings");
        apply.getStyleClass().add(Styles.ACCENT);
        apply.disableProperty().bind(vm.runningProperty().not().or(vm.restartingProperty()));
        apply.setOnAction(e -> vm.apply());
        apply.setMinWidth(Button.USE_PREF_SIZE);
        // Each label stays whole beside its field; the pairs wrap onto a second line when the pane is narrow.
        FlowPane row = new FlowPane(16, 6, labelled("Stream threads", threads), labelled("Commit interval (ms)", commit),
                labelled("Guarantee", guarantee), apply);
        row.setAlignment(Pos.CENTER_LEFT);
        Label note = new Label();
        note.setId("processor-settings-note");
        note.setWrapText(true);
        note.textProperty().bind(vm.settingsNoteProperty());
        note.getStyleClass().add(Styles.TEXT_MUTED);
        VBox box = new VBox(6, row, note);
        box.setPadding(new Insets(6));
        return titled("Settings", box);
    }

    private static HBox labelled(String text, Node field) {
        Label label = new Label(text);
        label.setMinWidth(Label.USE_PREF_SIZE);
        HBox pair = new HBox(6, label, field);
        pair.setAlignment(Pos.CENTER_LEFT);
        return pair;
    }

    /** Boxes per node, lines per edge; redrawn only when the topology changes (it does not while running). */
    static void draw(Pane pane, ProcessorInsight.Graph g) {
        pane.getChildren().clear();
        if (g.nodes().isEmpty()) {
            Label empty = new Label("The topology appears when the processor starts.");
            empty.getStyleClass().add(Styles.TEXT_MUTED);
            empty.relocate(16, 16);
            pane.getChildren().add(empty);
            return;
        }
        List<TopologyLayout.Placed> placed = TopologyLayout.place(g);
        Map<String, TopologyLayout.Placed> at = new HashMap<>();
        placed.forEach(p -> at.put(p.node().name(), p));
        double pad = 16;
        for (ProcessorInsight.Edge e : g.edges()) {
            TopologyLayout.Placed a = at.get(e.from());
            TopologyLayout.Placed b = at.get(e.to());
            if (a == null || b == null) {
                continue;
            }
            boolean store = b.node().kind() == ProcessorInsight.Node.Kind.STORE;
            Line l = store
                    ? new Line(pad + a.x() + TopologyLayout.NODE_WIDTH / 2, pad + a.y() + TopologyLayout.NODE_HEIGHT,
                    pad + b.x() + TopologyLayout.NODE_WIDTH / 2, pad + b.y())
                    : new Line(pad + a.x() + TopologyLayout.NODE_WIDTH, pad + a.y() + TopologyLayout.NODE_HEIGHT / 2,
                    pad + b.x(), pad + b.y() + TopologyLayout.NODE_HEIGHT / 2);
            l.getStyleClass().add(store ? "topology-store-edge" : "topology-edge");
            pane.getChildren().add(l);
        }
        for (TopologyLayout.Placed p : placed) {
            Rectangle box = new Rectangle(TopologyLayout.NODE_WIDTH, TopologyLayout.NODE_HEIGHT);
            box.setArcWidth(p.node().kind() == ProcessorInsight.Node.Kind.STORE ? 24 : 8);
            box.setArcHeight(p.node().kind() == ProcessorInsight.Node.Kind.STORE ? 24 : 8);
            box.getStyleClass().addAll("topology-node", "topology-" + p.node().kind().name().toLowerCase());
            box.relocate(pad + p.x(), pad + p.y());
            String kind = switch (p.node().kind()) {
                case SOURCE -> "source";
                case SINK -> p.node().topic().endsWith("-repartition") ? "repartition sink" : "sink";
                case STORE -> "state store";
                case PROCESSOR -> "processor";
            };
            Label text = new Label(p.node().label() + "\n" + kind + (p.node().topic().isEmpty() ? "" : ": " + shortTopic(p.node().topic())));
            text.getStyleClass().add("topology-label");
            text.setMaxWidth(TopologyLayout.NODE_WIDTH - 8);
            text.relocate(pad + p.x() + 5, pad + p.y() + 3);
            pane.getChildren().addAll(box, text);
        }
        pane.setPrefSize(TopologyLayout.width(placed) + 2 * pad, TopologyLayout.height(placed) + 2 * pad);
    }

    private static String shortTopic(String topic) {
        return topic.length() > 30 ? "…" + topic.substring(topic.length() - 29) : topic;
    }

    /**
     * "StreamThread-1 · 4767f3cc" for "flowdeck-stream-processor-StreamThread-1-consumer-4767f3cc-…": every worker
     * has the same client id, so the start of the member's UUID is what tells two workers' threads apart.
     */
    static String shortMember(String memberId) {
        Matcher m = MEMBER.matcher(memberId);
        return m.find() ? m.group(1) + " · " + m.group(2) : memberId.replaceFirst("^flowdeck-stream-processor-", "");
    }

    /** The group's host as Kafka reports it ("/127.0.0.1"), without the slash. */
    static String host(String host) {
        return host.startsWith("/") ? host.substring(1) : host;
    }

    /**
     * Partition lists and changelog names are longer than any column at the page's usual widths: their cells wrap,
     * the row grows, and every partition stays readable (a cut "flowdeck-proc…" named none). A Text node wraps to the
     * column's width (a table cell's own wrapped text does not make its row taller); its colour follows the cell's, so
     * themes and selection still apply.
     */
    private static <S> TableColumn<S, String> wrapping(TableColumn<S, String> c) {
        c.setCellFactory(col -> new TableCell<>() {
            private final Text text = new Text();

            {
                text.wrappingWidthProperty().bind(col.widthProperty().subtract(12));
                text.fillProperty().bind(textFillProperty());
                text.fontProperty().bind(fontProperty());
                setPrefHeight(Control.USE_COMPUTED_SIZE);
            }

            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                text.setText(empty || item == null ? "" : item);
                setGraphic(empty || item == null ? null : text);
            }
        });
        return c;
    }

    private static <S> TableColumn<S, String> column(String title, double width, Function<S, String> value) {
        TableColumn<S, String> c = new TableColumn<>(title);
        c.setPrefWidth(width);
        c.setCellValueFactory(p -> new ReadOnlyObjectWrapper<>(p.getValue() == null ? "" : value.apply(p.getValue())));
        return c;
    }
}
