package dev.flowdeck.app.ui.admin;

import atlantafx.base.theme.Styles;
import dev.flowdeck.engine.admin.KafkaMessage;
import dev.flowdeck.engine.admin.StartPosition;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.apache.kafka.common.IsolationLevel;

import java.io.File;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The Messages page: browse, filter, live tail, one record in full, produce, export. */
final class MessagesView {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss.SSS")
            .withZone(ZoneId.systemDefault());
    private static final int VALUE_PREVIEW_CHARS = 240;

    private final MessagesViewModel vm;
    private final TableView<KafkaMessage> table = new TableView<>();
    /**
     * How often the tail's new records go into the table. Nobody reads 20,000 rows a second; ten table updates a second
     * look live, and leave the frames in between free, so the window stays smooth on a software renderer too.
     */
    static final long TABLE_REFRESH_NS = 100_000_000L;

    /** Moves tail records into the table from a frame callback while the tail runs: the only UI update path of the tail. */
    private final AnimationTimer frameDrain = new AnimationTimer() {
        private long last;

        @Override
        public void handle(long now) {
            if (now - last < TABLE_REFRESH_NS) {
                return;
            }
            last = now;
            int added = vm.tail().drainTail();
            if (added > 0 && vm.tail().followProperty().get()) {
                table.scrollTo(table.getItems().size() - 1);
            }
        }
    };

    /** Moves the import's progress to the bar once per frame while a file is imported. */
    private final AnimationTimer importWatch = new AnimationTimer() {
        @Override
        public void handle(long now) {
            vm.refreshImportProgress();
        }
    };

    MessagesView(MessagesViewModel vm) {
        this.vm = vm;
        vm.tail().tailingProperty().addListener((o, was, on) -> {
            if (on) {
                frameDrain.start();
            } else {
                frameDrain.stop();
            }
        });
    }

    Node build() {
        BorderPane page = new BorderPane();
        page.setId("messages");
        page.getStyleClass().add("admin-page");
        page.getStylesheets().add(AdminStyles.URL);
        page.setTop(controls());
        SplitPane split = new SplitPane(tablePane(), sidePane());
        split.setDividerPositions(0.62);
        page.setCenter(new StackPane(split, EmptyState.label(vm.connectedProperty(), UserText.NO_KAFKA)));
        page.setBottom(statusBar());
        return page;
    }

    private Node controls() {
        Label title = new Label("Messages");
        title.getStyleClass().add(Styles.TITLE_3);

        ComboBox<String> topic = new ComboBox<>(vm.topicNames());
        topic.setId("message-topic");
        topic.setPromptText("topic");
        topic.setPrefWidth(170);
        topic.valueProperty().bindBidirectional(vm.topicProperty());
        topic.setOnShowing(e -> vm.loadTopics());

        ComboBox<String> partition = new ComboBox<>(vm.partitions());
        partition.setId("message-partition");
        partition.setPrefWidth(80);
        partition.valueProperty().bindBidirectional(vm.partitionProperty());

        ChoiceBox<StartPosition> from = new ChoiceBox<>();
        from.setId("message-start");
        from.getItems().addAll(StartPosition.END, StartPosition.BEGINNING, StartPosition.OFFSET, StartPosition.TIMESTAMP);
        from.setConverter(new StringConverter<>() {
            @Override
            public String toString(StartPosition p) {
                return p == null ? "" : switch (p) {
                    case END -> "Newest";
                    case BEGINNING -> "Oldest";
                    case OFFSET -> "Offset";
                    case TIMESTAMP -> "Time";
                };
            }

            @Override
            public StartPosition fromString(String s) {
                return null;
            }
        });
        from.valueProperty().bindBidirectional(vm.startProperty());

        TextField position = new TextField();
        position.setId("message-position");
        position.setPrefWidth(150);
        position.textProperty().bindBidirectional(vm.positionProperty());
        position.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.startProperty().get() != StartPosition.OFFSET
                && vm.startProperty().get() != StartPosition.TIMESTAMP, vm.startProperty()));
        position.promptTextProperty().bind(Bindings.createStringBinding(() -> vm.startProperty().get() == StartPosition.TIMESTAMP
                ? "2026-05-01 10:00 or -15m" : vm.startProperty().get() == StartPosition.OFFSET ? "offset, e.g. 1200" : "", vm.startProperty()));

        TextField limit = new TextField();
        limit.setId("message-limit");
        limit.setPrefWidth(64);
        limit.textProperty().bindBidirectional(vm.limitProperty());

        ChoiceBox<IsolationLevel> isolation = new ChoiceBox<>();
        isolation.setId("message-isolation");
        isolation.getItems().addAll(IsolationLevel.READ_COMMITTED, IsolationLevel.READ_UNCOMMITTED);
        isolation.setConverter(new StringConverter<>() {
            @Override
            public String toString(IsolationLevel l) {
                return l == IsolationLevel.READ_UNCOMMITTED ? "read uncommitted" : "read committed";
            }

            @Override
            public IsolationLevel fromString(String s) {
                return null;
            }
        });
        isolation.valueProperty().bindBidirectional(vm.isolationProperty());
        isolation.setPrefWidth(160);

        Button browse = new Button("Browse");
        browse.setId("browse");
        browse.getStyleClass().add(Styles.ACCENT);
        browse.setDefaultButton(true);
        browse.disableProperty().bind(vm.busyProperty());
        browse.setOnAction(e -> vm.browse());

        ToggleButton tail = new ToggleButton("Live tail");
        tail.setId("live-tail");
        tail.selectedProperty().addListener((o, was, on) -> {
            if (on && !vm.tail().tailingProperty().get()) {
                vm.tail().startTail();
            } else if (!on && vm.tail().tailingProperty().get()) {
                vm.tail().stopTail();
            }
        });
        vm.tail().tailingProperty().addListener((o, was, on) -> tail.setSelected(on));
        CheckBox follow = new CheckBox("Follow");
        follow.setId("follow");
        follow.selectedProperty().bindBidirectional(vm.tail().followProperty());

        title.setMinWidth(Region.USE_PREF_SIZE);
        for (javafx.scene.control.Control c : new javafx.scene.control.Control[] {browse, tail, follow, from, partition}) {
            c.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox row1 = new HBox(8, title, labeled("Topic", topic), labeled("Partition", partition),
                labeled("From", from), position, labeled("Show", limit), TopicsView.spacer(), browse, tail, follow);
        row1.setAlignment(Pos.CENTER_LEFT);

        TextField key = filterField("filter-key", "e.g. 42 or order-*", vm.keyFilterProperty(), 150);
        TextField text = filterField("filter-text", "anywhere", vm.textFilterProperty(), 150);
        TextField json = filterField("filter-json", "JSON field, e.g. region=eu-west or /amount>100", vm.jsonFilterProperty(), 310);
        Button export = new Button("Export…");
        export.setId("export-records");
        export.setOnAction(e -> export(export));
        HBox row2 = new HBox(8, labeled("Key", key), labeled("Text", text), labeled("JSON", json), isolation,
                TopicsView.spacer(), export);
        row2.setAlignment(Pos.CENTER_LEFT);

        TextField expression = filterField("filter-expression",
                "CEL, e.g. value.amount > 1000 && value.region == \"eu-west\" && headers[\"source\"] == \"livedb\"",
                vm.expressionFilterProperty(), 560);
        HBox.setHgrow(expression, Priority.ALWAYS);
        CheckBox keepPartitions = new CheckBox("keep partitions");
        keepPartitions.setId("import-keep-partitions");
        keepPartitions.selectedProperty().bindBidirectional(vm.importKeepPartitionsProperty());
        TextField speed = filterField("import-speed", "0 = fast", vm.importSpeedProperty(), 60);
        Button importButton = new Button("Import…");
        importButton.setId("import-records");
        importButton.disableProperty().bind(vm.importingProperty());
        importButton.setOnAction(e -> importFile(importButton));
        ProgressBar progress = new ProgressBar();
        progress.setId("import-progress");
        progress.setPrefWidth(120);
        progress.progressProperty().bind(vm.importProgressProperty());
        progress.visibleProperty().bind(vm.importingProperty());
        progress.managedProperty().bind(vm.importingProperty());
        vm.importingProperty().addListener((o, was, on) -> {
            if (on) {
                importWatch.start();
            } else {
                importWatch.stop();
            }
        });
        HBox row3 = new HBox(8, labeled("Expression", expression), TopicsView.spacer(), keepPartitions,
                labeled("Speed ×", speed), importButton, progress);
        row3.setAlignment(Pos.CENTER_LEFT);

        VBox box = new VBox(8, row1, row2, row3);
        box.setPadding(new Insets(10, 12, 10, 12));
        return box;
    }

    private void export(Node owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export the shown records");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("JSON lines", "*.jsonl"),
                new FileChooser.ExtensionFilter("CSV", "*.csv"));
        chooser.setInitialFileName((vm.topicProperty().get() == null ? "records" : vm.topicProperty().get()) + ".jsonl");
        File file = chooser.showSaveDialog(owner.getScene().getWindow());
        if (file != null) {
            vm.export(file.toPath());
        }
    }

    private void importFile(Node owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Import a JSON-lines file into " + vm.topicProperty().get());
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("JSON lines", "*.jsonl", "*.json"));
        File file = chooser.showOpenDialog(owner.getScene().getWindow());
        if (file != null) {
            vm.importFile(file.toPath());
        }
    }

    private Node tablePane() {
        table.setId("message-table");
        table.getStyleClass().add(Styles.DENSE);
        table.setItems(vm.records());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Tables.placeholder(table, "Choose a topic and press Browse, or start the live tail.");
        table.getColumns().add(Tables.column("Time", 168, KafkaMessage::timestamp, t -> TIME.format(Instant.ofEpochMilli(t)), false));
        table.getColumns().add(Tables.column("P", 36, KafkaMessage::partition, String::valueOf, true));
        table.getColumns().add(Tables.column("Offset", 80, KafkaMessage::offset, String::valueOf, true));
        table.getColumns().add(Tables.text("Key", 70, m -> m.key() == null ? "∅" : m.key()));
        table.getColumns().add(Tables.text("Change", 130, m -> m.value() == null && m.key() != null && m.key().startsWith("{")
                ? "tombstone" : ChangeSummary.of(m.value())));
        table.getColumns().add(Tables.text("Value", 420, m -> m.value() == null ? "∅ (tombstone)"
                : m.value().length() > VALUE_PREVIEW_CHARS ? m.value().substring(0, VALUE_PREVIEW_CHARS) + "…" : m.value()));
        // the order is the log's: sorting a list that the tail appends to would scramble it
        table.getColumns().forEach(c -> c.setSortable(false));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> vm.selectedProperty().set(now));
        VBox box = new VBox(table);
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private Node sidePane() {
        TextArea detail = new TextArea();
        detail.setId("message-detail");
        detail.setEditable(false);
        detail.setWrapText(true);
        detail.getStyleClass().add("mono");
        detail.setPromptText("Select a record to see it in full: key, headers and the value as pretty JSON.");
        detail.textProperty().bind(vm.detailProperty());
        VBox.setVgrow(detail, Priority.ALWAYS);

        GridPane form = new GridPane();
        form.setHgap(8);
        form.setVgap(6);
        TextField key = new TextField();
        key.setId("produce-key");
        key.setPromptText("none");
        key.textProperty().bindBidirectional(vm.producer().keyProperty());
        TextField partition = new TextField();
        partition.setId("produce-partition");
        partition.setPromptText("by key");
        partition.textProperty().bindBidirectional(vm.producer().partitionProperty());
        TextArea value = new TextArea();
        value.setId("produce-value");
        value.setPrefRowCount(3);
        value.getStyleClass().add("mono");
        value.setPromptText("{\"region\": \"eu-west\"}");
        value.textProperty().bindBidirectional(vm.producer().valueProperty());
        TextArea headers = new TextArea();
        headers.setId("produce-headers");
        headers.setPrefRowCount(2);
        headers.setPromptText("one per line: name=value");
        headers.textProperty().bindBidirectional(vm.producer().headersProperty());
        Button send = new Button("Send");
        send.setId("produce-send");
        send.setOnAction(e -> vm.producer().produce());
        Label result = new Label();
        result.setId("produce-result");
        result.setWrapText(true);
        result.textProperty().bind(vm.producer().resultProperty());
        ComboBox<String> subject = new ComboBox<>(vm.producer().subjects());
        subject.setId("produce-subject");
        subject.valueProperty().bindBidirectional(vm.producer().subjectProperty());
        subject.setMaxWidth(Double.MAX_VALUE);
        ComboBox<String> version = new ComboBox<>(vm.producer().versions());
        version.setId("produce-version");
        version.valueProperty().bindBidirectional(vm.producer().versionProperty());
        version.disableProperty().bind(vm.producer().subjectProperty().isEqualTo(ProduceViewModel.NO_SCHEMA));
        HBox.setHgrow(subject, Priority.ALWAYS);
        Label versionLabel = new Label("version");
        versionLabel.setMinWidth(Region.USE_PREF_SIZE);
        version.setMinWidth(Region.USE_PREF_SIZE);
        HBox schemaChoice = new HBox(6, subject, versionLabel, version);
        schemaChoice.setAlignment(Pos.CENTER_LEFT);
        TextArea schemaText = new TextArea();
        schemaText.setId("produce-schema");
        schemaText.setEditable(false);
        schemaText.setPrefRowCount(4);
        schemaText.getStyleClass().add("mono");
        schemaText.textProperty().bind(vm.producer().schemaProperty());
        schemaText.visibleProperty().bind(vm.producer().schemaProperty().isNotEmpty());
        schemaText.managedProperty().bind(schemaText.visibleProperty());
        Label schemaLabel = new Label("Schema");
        for (Node n : List.of(schemaLabel, schemaChoice)) {
            n.visibleProperty().bind(vm.producer().hasRegistryProperty());
            n.managedProperty().bind(n.visibleProperty());
        }
        form.addRow(0, new Label("Key"), key);
        form.addRow(1, new Label("Partition"), partition);
        form.addRow(2, schemaLabel, schemaChoice);
        form.add(schemaText, 1, 3);
        form.addRow(4, new Label("Value"), value);
        form.addRow(5, new Label("Headers"), headers);
        form.add(new HBox(10, send, result), 1, 6);
        GridPane.setHgrow(value, Priority.ALWAYS);
        // the labels and Send keep their width; the fields take what is left
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(Region.USE_PREF_SIZE);
        form.getColumnConstraints().addAll(labels, new ColumnConstraints());
        send.setMinWidth(Region.USE_PREF_SIZE);
        TitledPane produce = new TitledPane("Produce a record to the chosen topic", form);
        produce.setId("produce-pane");
        produce.setExpanded(false);
        // the registry's subjects are read when the form opens: the profile may have changed since the last time
        produce.expandedProperty().addListener((o, was, now) -> {
            if (now) {
                vm.producer().loadSubjects();
            }
        });

        Label heading = new Label("Record");
        heading.getStyleClass().add("section-title");
        VBox side = new VBox(6, heading, detail, produce);
        side.setPadding(new Insets(0, 10, 10, 10));
        return side;
    }

    private Node statusBar() {
        Label status = new Label();
        status.setId("message-status");
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add(Styles.TEXT_MUTED);
        Label error = new Label();
        error.setId("message-error");
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(vm.errorProperty());
        Label stats = new Label();
        stats.setId("tail-stats");
        stats.textProperty().bind(vm.tail().tailStatsProperty());
        stats.visibleProperty().bind(vm.tail().tailingProperty());
        HBox bar = new HBox(16, status, error, TopicsView.spacer(), stats);
        bar.getStyleClass().add("status-bar");
        bar.setPadding(new Insets(6, 12, 6, 12));
        return bar;
    }

    private static TextField filterField(String id, String prompt, javafx.beans.property.StringProperty p, double width) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefWidth(width);
        f.textProperty().bindBidirectional(p);
        return f;
    }

    static Node labeled(String text, Node control) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        HBox box = new HBox(4, l, control);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    void stop() {
        frameDrain.stop();
        importWatch.stop();
    }
}
