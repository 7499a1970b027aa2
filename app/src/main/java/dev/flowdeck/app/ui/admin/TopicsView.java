package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.kit.Sparkline;
import atlantafx.base.theme.Styles;
import dev.flowdeck.engine.admin.Human;
import dev.flowdeck.engine.admin.TopicSummary;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.FilteredList;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.Locale;

/** The Topics page: the list with a sparkline of messages/s per topic, and create / configure / partitions / delete. */
final class TopicsView {
    private final TopicsViewModel vm;
    private final TableView<TopicSummary> table = new TableView<>();
    private boolean syncingSelection;

    TopicsView(TopicsViewModel vm) {
        this.vm = vm;
    }

    Node build() {
        BorderPane page = new BorderPane();
        page.setId("topics");
        page.getStyleClass().add("admin-page");
        page.getStylesheets().add(AdminStyles.URL);
        page.setTop(toolbar());

        SplitPane split = new SplitPane(tablePane(), actions());
        split.setDividerPositions(0.64);
        StackPane center = new StackPane(split, EmptyState.label(vm.connectedProperty(), UserText.NO_KAFKA));
        page.setCenter(center);
        page.setBottom(statusBar());
        return page;
    }

    private Node toolbar() {
        Label title = new Label("Topics");
        title.getStyleClass().add(Styles.TITLE_3);
        TextField filter = new TextField();
        filter.setId("topic-filter");
        filter.setPromptText("Filter by name");
        filter.textProperty().bindBidirectional(vm.filterProperty());
        CheckBox internal = new CheckBox("Show internal");
        internal.setId("show-internal");
        internal.selectedProperty().bindBidirectional(vm.showInternalProperty());
        internal.selectedProperty().addListener(o -> vm.refresh());
        Button refresh = new Button("Refresh");
        refresh.setId("refresh-topics");
        refresh.setOnAction(e -> vm.refresh());
        HBox bar = new HBox(10, title, spacer(), filter, internal, refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(10, 12, 10, 12));
        return bar;
    }

    private Node tablePane() {
        table.setId("topic-table");
        table.getStyleClass().add(Styles.DENSE);
        FilteredList<TopicSummary> visible = new FilteredList<>(vm.topics(), vm::matchesFilter);
        vm.filterProperty().addListener(o -> visible.setPredicate(t -> vm.matchesFilter(t)));
        table.setItems(visible);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Tables.placeholder(table, "No topics yet: create one on the right.");
        table.getColumns().add(Tables.text("Topic", 190, TopicSummary::name));
        table.getColumns().add(Tables.column("Parts", 55, TopicSummary::partitions, String::valueOf, true));
        table.getColumns().add(Tables.column("RF", 40, TopicSummary::replicationFactor, String::valueOf, true));
        table.getColumns().add(Tables.column("Retention", 90, TopicSummary::retentionMs, Human::duration, true));
        table.getColumns().add(Tables.text("Cleanup", 90, TopicSummary::cleanupPolicy));
        table.getColumns().add(Tables.column("Size", 75, TopicSummary::sizeBytes, b -> b < 0 ? "?" : Human.bytes(b), true));
        table.getColumns().add(Tables.column("Records", 90, TopicSummary::records, Human::count, true));
        table.getColumns().add(Tables.column("Msg/s", 70, TopicSummary::messagesPerSecond,
                r -> r.isNaN() ? "…" : String.format(Locale.ROOT, "%,.0f", r), true));
        table.getColumns().add(sparklineColumn());

        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (!syncingSelection && now != null) {
                vm.selectedProperty().set(now);
            }
        });
        // a refresh replaces the rows: select the same topic again
        vm.topics().addListener((ListChangeListener<TopicSummary>) c -> reselect());
        vm.selectedProperty().addListener(o -> reselect());
        Label configsTitle = new Label();
        configsTitle.getStyleClass().add("section-title");
        configsTitle.textProperty().bind(Bindings.createStringBinding(() -> vm.selectedProperty().get() == null
                ? "All configurations: select a topic" : "All configurations of '" + vm.selectedProperty().get().name() + "'",
                vm.selectedProperty()));
        VBox.setMargin(configsTitle, new Insets(6, 10, 0, 10));
        VBox configs = new VBox(configsTitle, new ConfigEditorView(vm.configEditor(), "topic-config").build());
        VBox.setVgrow(configs.getChildren().get(1), Priority.ALWAYS);
        SplitPane box = new SplitPane(table, configs);
        box.setOrientation(Orientation.VERTICAL);
        box.setDividerPositions(0.42);
        return box;
    }

    private void reselect() {
        TopicSummary s = vm.selectedProperty().get();
        syncingSelection = true;
        try {
            if (s == null) {
                table.getSelectionModel().clearSelection();
                return;
            }
            for (int i = 0; i < table.getItems().size(); i++) {
                if (table.getItems().get(i).name().equals(s.name())) {
                    if (table.getSelectionModel().getSelectedIndex() != i) {
                        table.getSelectionModel().select(i);
                    }
                    return;
                }
            }
        } finally {
            syncingSelection = false;
        }
    }

    private TableColumn<TopicSummary, double[]> sparklineColumn() {
        TableColumn<TopicSummary, double[]> c = Tables.column("Trend", 104, TopicSummary::rateHistory, h -> "", false);
        c.setCellFactory(col -> new TableCell<>() {
            private final Sparkline line = new Sparkline(96, 16);

            @Override
            protected void updateItem(double[] item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                if (empty || item == null) {
                    setGraphic(null);
                } else {
                    line.setValues(item);
                    setGraphic(line);
                }
            }
        });
        c.setSortable(false);
        return c;
    }

    private Node actions() {
        TabPane tabs = new TabPane(createTab(), configTab(), partitionsTab(), deleteTab());
        tabs.setId("topic-actions");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.getSelectionModel().selectedItemProperty().addListener(o -> vm.clearPreview());

        PreviewBox preview = new PreviewBox(vm.previewProperty());
        Label error = new Label();
        error.setId("topic-error");
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(vm.errorProperty());
        error.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        Button apply = new Button();
        apply.setId("apply-topic-change");
        apply.setDefaultButton(false);
        apply.disableProperty().bind(vm.applyEnabledProperty().not());
        apply.textProperty().bind(Bindings.createStringBinding(() -> {
            TopicsViewModel.PendingChange p = vm.pendingProperty().get();
            if (p == null) {
                return "Apply";
            }
            return switch (p.kind()) {
                case CREATE -> "Create topic";
                case CONFIG -> "Apply configuration";
                case PARTITIONS -> "Add partitions";
                case DELETE -> "Delete topic";
            };
        }, vm.pendingProperty()));
        vm.pendingProperty().addListener((o, was, now) -> {
            apply.getStyleClass().removeAll(Styles.DANGER, Styles.ACCENT);
            apply.getStyleClass().add(now != null && now.kind() == TopicsViewModel.ChangeKind.DELETE ? Styles.DANGER : Styles.ACCENT);
        });
        apply.setOnAction(e -> vm.apply());
        Label hint = new Label("Nothing changes until you preview and apply.");
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        Label result = new Label();
        result.setId("topic-result");
        result.setWrapText(true);
        result.getStyleClass().add(Styles.SUCCESS);
        result.textProperty().bind(vm.resultProperty());
        result.visibleProperty().bind(vm.resultProperty().isNotEmpty());
        result.managedProperty().bind(result.visibleProperty());
        tabs.setMaxHeight(Region.USE_PREF_SIZE);

        HBox applyRow = new HBox(10, apply, hint);
        applyRow.setAlignment(Pos.CENTER_LEFT);
        VBox side = new VBox(10, tabs, preview, error, applyRow, result);
        side.setPadding(new Insets(0, 10, 10, 10));
        ScrollPane scroll = new ScrollPane(side);
        scroll.setFitToWidth(true);
        scroll.setMinWidth(330);
        return scroll;
    }

    private Tab createTab() {
        GridPane g = form();
        TextField name = field("new-topic-name", "e.g. orders.v1", vm.newNameProperty());
        TextField partitions = field("new-topic-partitions", "3", vm.newPartitionsProperty());
        TextField rf = field("new-topic-replication", "cluster default", vm.newReplicationProperty());
        TextField retention = field("new-topic-retention", "7d, 12h, forever, or empty for the default", vm.newRetentionProperty());
        ComboBox<String> cleanup = cleanupBox("new-topic-cleanup");
        cleanup.valueProperty().bindBidirectional(vm.newCleanupProperty());
        row(g, 0, "Name", name);
        row(g, 1, "Partitions", partitions);
        row(g, 2, "Replication factor", rf);
        row(g, 3, "Retention", retention);
        row(g, 4, "Cleanup policy", cleanup);
        Button preview = new Button("Preview");
        preview.setId("preview-create");
        preview.setOnAction(e -> vm.previewCreate());
        g.add(preview, 1, 5);
        return tab("Create", g);
    }

    private Tab configTab() {
        GridPane g = form();
        row(g, 0, "Topic", selectedName());
        row(g, 1, "Retention", field("edit-retention", "7d, 12h, forever", vm.editRetentionProperty()));
        ComboBox<String> cleanup = cleanupBox("edit-cleanup");
        cleanup.valueProperty().bindBidirectional(vm.editCleanupProperty());
        row(g, 2, "Cleanup policy", cleanup);
        Button preview = new Button("Preview");
        preview.setId("preview-config");
        preview.setOnAction(e -> vm.previewConfigChange());
        g.add(preview, 1, 3);
        return tab("Configure", g);
    }

    private Tab partitionsTab() {
        GridPane g = form();
        row(g, 0, "Topic", selectedName());
        row(g, 1, "New total", field("edit-partitions", "more than now", vm.editPartitionsProperty()));
        Label note = new Label("Partitions can be added, never removed.");
        note.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        g.add(note, 1, 2);
        Button preview = new Button("Preview");
        preview.setId("preview-partitions");
        preview.setOnAction(e -> vm.previewAddPartitions());
        g.add(preview, 1, 3);
        return tab("Partitions", g);
    }

    private Tab deleteTab() {
        GridPane g = form();
        row(g, 0, "Topic", selectedName());
        Button preview = new Button("Preview delete");
        preview.setId("preview-delete");
        preview.setOnAction(e -> vm.previewDelete());
        g.add(preview, 1, 1);
        TextField confirm = field("delete-confirmation", "type the topic name to confirm", vm.deleteConfirmationProperty());
        confirm.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.pendingProperty().get() == null
                || vm.pendingProperty().get().kind() != TopicsViewModel.ChangeKind.DELETE, vm.pendingProperty()));
        row(g, 2, "Confirm", confirm);
        return tab("Delete", g);
    }

    private Label selectedName() {
        Label l = new Label();
        l.getStyleClass().add(Styles.TEXT_BOLD);
        l.textProperty().bind(Bindings.createStringBinding(() -> vm.selectedProperty().get() == null
                ? "(select a topic in the list)" : vm.selectedProperty().get().name(), vm.selectedProperty()));
        return l;
    }

    private static ComboBox<String> cleanupBox(String id) {
        ComboBox<String> c = new ComboBox<>();
        c.getItems().addAll("delete", "compact", "compact,delete");
        c.setId(id);
        c.setMaxWidth(Double.MAX_VALUE);
        return c;
    }

    private static TextField field(String id, String prompt, javafx.beans.property.StringProperty property) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(property);
        return f;
    }

    private static GridPane form() {
        GridPane g = new GridPane();
        g.setHgap(10);
        g.setVgap(8);
        g.setPadding(new Insets(12, 4, 4, 4));
        g.getColumnConstraints().addAll(new javafx.scene.layout.ColumnConstraints(120),
                new javafx.scene.layout.ColumnConstraints(140, 220, Double.MAX_VALUE, Priority.ALWAYS, null, true));
        return g;
    }

    private static void row(GridPane g, int row, String label, Node field) {
        g.add(new Label(label), 0, row);
        g.add(field, 1, row);
    }

    private static Tab tab(String title, Node content) {
        Tab t = new Tab(title, content);
        t.setId("tab-" + title.toLowerCase(Locale.ROOT));
        return t;
    }

    private Node statusBar() {
        Label status = new Label();
        status.setId("topic-status");
        status.textProperty().bind(vm.statusProperty());
        status.getStyleClass().add(Styles.TEXT_MUTED);
        HBox bar = new HBox(status);
        bar.getStyleClass().add("status-bar");
        bar.setPadding(new Insets(6, 12, 6, 12));
        return bar;
    }

    static Region spacer() {
        Region r = new Region();
        HBox.setHgrow(r, Priority.ALWAYS);
        return r;
    }
}
