package dev.flowdeck.app.ui.admin;

import atlantafx.base.theme.Styles;
import dev.flowdeck.app.ui.kit.AxisSparkline;
import dev.flowdeck.engine.admin.GroupDetail;
import dev.flowdeck.engine.admin.GroupMember;
import dev.flowdeck.engine.admin.GroupSummary;
import dev.flowdeck.engine.admin.Human;
import dev.flowdeck.engine.admin.OffsetReset;
import dev.flowdeck.engine.admin.PartitionLag;
import dev.flowdeck.engine.admin.ResetPlan;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;

/** The Consumer groups page: groups with lag in messages and time, one group in detail, offset reset with a dry run. */
final class ConsumerGroupsView {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");
    /** A lag older than this is shown in red. */
    private static final long LAG_ALERT_MS = 60_000;

    private final ConsumerGroupsViewModel vm;

    ConsumerGroupsView(ConsumerGroupsViewModel vm) {
        this.vm = vm;
    }

    Node build() {
        BorderPane page = new BorderPane();
        page.setId("consumer-groups");
        page.getStyleClass().add("admin-page");
        page.getStylesheets().add(AdminStyles.URL);
        Label title = new Label("Consumer groups");
        title.getStyleClass().add(Styles.TITLE_3);
        Button refresh = new Button("Refresh");
        refresh.setId("refresh-groups");
        refresh.setOnAction(e -> vm.refresh());
        HBox bar = new HBox(10, title, TopicsView.spacer(), refresh);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(10, 12, 10, 12));
        page.setTop(bar);

        SplitPane split = new SplitPane(groupTable(), detailPane());
        split.setDividerPositions(0.45);
        page.setCenter(new StackPane(split, EmptyState.label(vm.connectedProperty(), UserText.NO_KAFKA)));

        page.setBottom(StatusBar.of("group-status", vm.statusProperty()));
        return page;
    }

    private Node groupTable() {
        TableView<GroupSummary> table = new TableView<>(vm.groups());
        table.setId("group-table");
        table.getStyleClass().add(Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Tables.placeholder(table, "No consumer groups yet: they appear when a consumer with a group id commits offsets.");
        table.getColumns().add(Tables.text("Group", 130, GroupSummary::groupId));
        table.getColumns().add(Tables.text("State", 64, GroupSummary::state));
        table.getColumns().add(Tables.column("Members", 78, GroupSummary::members, String::valueOf, true));
        table.getColumns().add(Tables.column("Lag", 56, GroupSummary::lagMessages, ConsumerGroupsView::messages, true));
        table.getColumns().add(lagTimeColumn("Lag time", 104, GroupSummary::maxLagMs));
        table.getColumns().add(Tables.text("Trend", 150, g -> vm.trendOf(g.groupId())));
        table.getColumns().add(Tables.text("Topics", 96, g -> String.join(", ", g.topics())));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && !now.groupId().equals(vm.selectedGroupProperty().get())) {
                vm.selectedGroupProperty().set(now.groupId());
            }
        });
        vm.groups().addListener((javafx.collections.ListChangeListener<GroupSummary>) c -> {
            String selected = vm.selectedGroupProperty().get();
            for (int i = 0; selected != null && i < table.getItems().size(); i++) {
                if (table.getItems().get(i).groupId().equals(selected)) {
                    table.getSelectionModel().select(i);
                }
            }
        });
        VBox box = new VBox(table);
        VBox.setVgrow(table, Priority.ALWAYS);
        return box;
    }

    private Node detailPane() {
        Label header = new Label();
        header.setId("group-header");
        header.getStyleClass().add(Styles.TITLE_4);
        header.setWrapText(true);
        header.textProperty().bind(Bindings.createStringBinding(() -> {
            GroupDetail d = vm.detailProperty().get();
            if (d == null) {
                return vm.selectedGroupProperty().get() == null ? "Select a group" : vm.selectedGroupProperty().get();
            }
            return d.summary().groupId() + " · " + d.summary().state() + " · " + Human.plural(d.members().size(), "member");
        }, vm.detailProperty(), vm.selectedGroupProperty()));
        Label sub = new Label();
        sub.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        sub.textProperty().bind(Bindings.createStringBinding(() -> {
            GroupDetail d = vm.detailProperty().get();
            return d == null ? "" : "coordinator " + d.coordinator() + (d.assignor() == null || d.assignor().isEmpty() ? ""
                    : " · assignor " + d.assignor()) + " · " + d.summary().type() + " protocol";
        }, vm.detailProperty()));

        TableView<PartitionLag> partitions = new TableView<>(vm.partitions());
        partitions.setId("group-partitions");
        partitions.getStyleClass().add(Styles.DENSE);
        partitions.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        partitions.setPrefHeight(140);
        Tables.placeholder(partitions, Bindings.createStringBinding(() -> vm.detailProperty().get() == null
                ? "Select a group on the left to see its lag per partition." : "No committed offsets.", vm.detailProperty()));
        partitions.getColumns().add(Tables.text("Topic", 110, PartitionLag::topic));
        partitions.getColumns().add(Tables.column("P", 34, PartitionLag::partition, String::valueOf, true));
        partitions.getColumns().add(Tables.column("Committed", 90, PartitionLag::committedOffset, o -> o < 0 ? "–" : Human.count(o), true));
        partitions.getColumns().add(Tables.column("End", 80, PartitionLag::endOffset, o -> o < 0 ? "?" : Human.count(o), true));
        partitions.getColumns().add(Tables.column("Lag", 64, PartitionLag::lagMessages, ConsumerGroupsView::messages, true));
        partitions.getColumns().add(lagTimeColumn("Lag time", 96, PartitionLag::lagMs));
        partitions.getColumns().add(Tables.text("Consumer", 110, PartitionLag::consumer));

        TableView<GroupMember> members = new TableView<>(vm.members());
        members.setId("group-members");
        members.getStyleClass().add(Styles.DENSE);
        members.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        members.setPrefHeight(86);
        Tables.placeholder(members, Bindings.createStringBinding(() -> vm.detailProperty().get() == null
                ? "" : "No members: the group is inactive, its offsets can be reset.", vm.detailProperty()));
        members.getColumns().add(Tables.text("Client", 140, GroupMember::clientId));
        members.getColumns().add(Tables.text("Host", 110, GroupMember::host));
        members.getColumns().add(Tables.text("Partitions", 200, m -> String.join(", ", m.partitions())));

        AxisSparkline lagChart = new AxisSparkline(-1, 56);
        lagChart.setId("group-lag-chart");
        vm.selectedLagProperty().addListener((o, was, now) -> lagChart.show(now, "lag (messages behind)",
                v -> Human.count(Math.round(v)), vm.selectedLagSince() < 0 ? "" : CLOCK.format(Instant.ofEpochMilli(vm.selectedLagSince())
                        .atZone(ZoneId.systemDefault())), "now"));
        Label trend = new Label();
        trend.setId("group-trend");
        trend.setWrapText(true);
        trend.textProperty().bind(vm.selectedTrendProperty());

        VBox box = new VBox(8, header, sub, section("Lag over the session"), lagChart, trend,
                section("Lag per partition"), partitions, section("Members"), members,
                section("Reset offsets"), resetForm());
        box.setPadding(new Insets(8, 12, 12, 12));
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        return scroll;
    }

    private Node resetForm() {
        ChoiceBox<OffsetReset.Strategy> strategy = new ChoiceBox<>();
        strategy.setId("reset-strategy");
        strategy.getItems().addAll(OffsetReset.Strategy.values());
        strategy.setConverter(new StringConverter<>() {
            @Override
            public String toString(OffsetReset.Strategy s) {
                return s == null ? "" : switch (s) {
                    case EARLIEST -> "Earliest (read everything again)";
                    case LATEST -> "Latest (skip what is unread)";
                    case TIMESTAMP -> "To a time";
                    case SHIFT -> "Shift by N";
                };
            }

            @Override
            public OffsetReset.Strategy fromString(String s) {
                return null;
            }
        });
        strategy.valueProperty().bindBidirectional(vm.strategyProperty());
        TextField value = new TextField();
        value.setId("reset-value");
        value.textProperty().bindBidirectional(vm.resetValueProperty());
        value.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.strategyProperty().get() != OffsetReset.Strategy.TIMESTAMP
                && vm.strategyProperty().get() != OffsetReset.Strategy.SHIFT, vm.strategyProperty()));
        value.promptTextProperty().bind(Bindings.createStringBinding(() -> vm.strategyProperty().get() == OffsetReset.Strategy.SHIFT
                ? "-100 reads 100 again, +100 skips" : "2026-05-01 10:00 or -1h", vm.strategyProperty()));
        ComboBox<String> topic = new ComboBox<>(vm.resetTopics());
        topic.setId("reset-topic");
        topic.valueProperty().bindBidirectional(vm.resetTopicProperty());
        TextField partition = new TextField();
        partition.setId("reset-partition");
        partition.setPrefColumnCount(4);
        partition.textProperty().bindBidirectional(vm.resetPartitionProperty());

        Button preview = new Button("Preview (dry run)");
        preview.setId("preview-reset");
        preview.disableProperty().bind(vm.busyProperty());
        preview.setOnAction(e -> vm.previewReset());
        Button execute = new Button("Reset offsets");
        execute.setId("execute-reset");
        execute.getStyleClass().add(Styles.DANGER);
        execute.disableProperty().bind(vm.executeEnabledProperty().not());
        execute.setOnAction(e -> vm.executeReset());

        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        g.addRow(0, new Label("Move to"), strategy, value);
        g.addRow(1, new Label("Topic"), topic, MessagesView.labeled("Partition", partition));

        TableView<ResetPlan.Row> rows = new TableView<>(vm.planRows());
        rows.setId("reset-plan");
        rows.getStyleClass().add(Styles.DENSE);
        rows.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        rows.setPrefHeight(120);
        Tables.placeholder(rows, "Preview to see where each partition would move.");
        rows.getColumns().add(Tables.text("Topic", 120, ResetPlan.Row::topic));
        rows.getColumns().add(Tables.column("P", 34, ResetPlan.Row::partition, String::valueOf, true));
        rows.getColumns().add(Tables.column("Now", 80, ResetPlan.Row::current, o -> o < 0 ? "–" : Human.count(o), true));
        rows.getColumns().add(Tables.column("After", 80, ResetPlan.Row::target, Human::count, true));
        rows.getColumns().add(Tables.column("Change", 80, ResetPlan.Row::change, c -> (c > 0 ? "+" : "") + Human.count(c), true));
        rows.getColumns().add(Tables.column("Lag after", 80, ResetPlan.Row::lagAfter, Human::count, true));

        Label error = new Label();
        error.setId("reset-error");
        error.setWrapText(true);
        error.getStyleClass().add(Styles.DANGER);
        error.textProperty().bind(vm.errorProperty());
        Label result = new Label();
        result.setId("reset-result");
        result.getStyleClass().add(Styles.SUCCESS);
        result.textProperty().bind(vm.resultProperty());
        HBox buttons = new HBox(10, preview, execute, result);
        buttons.setAlignment(Pos.CENTER_LEFT);
        return new VBox(8, g, buttons, new PreviewBox(vm.previewProperty()), rows, error);
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    static String messages(long n) {
        return n < 0 ? "–" : Human.count(n);
    }

    private static <S> TableColumn<S, Long> lagTimeColumn(String title, double width, Function<S, Long> value) {
        TableColumn<S, Long> c = Tables.column(title, width, value, ms -> ms < 0 ? "–" : Human.duration(ms), true);
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Long ms, boolean empty) {
                super.updateItem(ms, empty);
                getStyleClass().remove("lag-high");
                if (empty || ms == null) {
                    setText(null);
                    return;
                }
                setText(ms < 0 ? "–" : Human.duration(ms));
                if (ms >= LAG_ALERT_MS) {
                    getStyleClass().add("lag-high");
                }
            }
        });
        return c;
    }
}
