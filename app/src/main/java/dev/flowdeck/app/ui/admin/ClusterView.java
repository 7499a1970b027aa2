package dev.flowdeck.app.ui.admin;

import atlantafx.base.theme.Styles;
import dev.flowdeck.engine.admin.ClusterState;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.stream.Collectors;

/** The Cluster page: brokers on top, partitions below; offline partitions and down brokers in red, under-replicated in amber. */
final class ClusterView {
    static final String OFFLINE = "cluster-offline";
    static final String UNDER_REPLICATED = "cluster-under-replicated";

    private final ClusterViewModel vm;

    ClusterView(ClusterViewModel vm) {
        this.vm = vm;
    }

    Node build() {
        BorderPane page = new BorderPane();
        page.setId("cluster");
        page.getStyleClass().add("admin-page");
        page.getStylesheets().add(AdminStyles.URL);
        Label title = new Label("Cluster");
        title.getStyleClass().add(Styles.TITLE_3);
        Label summary = new Label();
        summary.setId("cluster-summary");
        summary.textProperty().bind(vm.summaryProperty());
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        HBox bar = new HBox(12, title, summary);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(10, 12, 4, 12));
        Label problem = new Label();
        problem.setId("cluster-problem");
        problem.textProperty().bind(vm.problemProperty());
        problem.getStyleClass().add("preview-problem");
        problem.setWrapText(true);
        problem.visibleProperty().bind(vm.healthyProperty().not());
        problem.managedProperty().bind(problem.visibleProperty());
        VBox top = new VBox(2, bar, problem);
        VBox.setMargin(problem, new Insets(0, 12, 6, 12));
        page.setTop(top);

        SplitPane split = new SplitPane(brokerTable(), partitionPane());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.28);
        page.setCenter(new StackPane(split, EmptyState.label(vm.connectedProperty(), UserText.NO_KAFKA)));

        page.setBottom(StatusBar.of("cluster-status", vm.statusProperty()));
        return page;
    }

    private Node brokerTable() {
        TableView<ClusterState.Broker> table = new TableView<>(vm.brokers());
        table.setId("broker-table");
        table.getStyleClass().add(Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Tables.placeholder(table, "No brokers read yet.");
        table.getColumns().add(Tables.column("Broker", 70, ClusterState.Broker::id, String::valueOf, true));
        table.getColumns().add(Tables.text("Address", 160, ClusterState.Broker::address));
        table.getColumns().add(Tables.text("Rack", 80, b -> b.rack().isEmpty() ? "-" : b.rack()));
        table.getColumns().add(Tables.text("Role", 110, b -> b.controller() ? "controller" : ""));
        table.getColumns().add(Tables.text("State", 120, b -> b.up() ? "up" : "DOWN"));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(ClusterState.Broker b, boolean empty) {
                super.updateItem(b, empty);
                mark(this, !empty && b != null && !b.up(), false);
            }
        });
        return table;
    }

    private Node partitionPane() {
        TextField filter = new TextField();
        filter.setId("cluster-topic-filter");
        filter.setPromptText("Filter topics");
        filter.textProperty().bindBidirectional(vm.topicFilterProperty());
        CheckBox problemsOnly = new CheckBox("Only under-replicated or offline");
        problemsOnly.setId("cluster-problems-only");
        problemsOnly.selectedProperty().bindBidirectional(vm.problemsOnlyProperty());
        HBox tools = new HBox(10, filter, problemsOnly);
        tools.setAlignment(Pos.CENTER_LEFT);
        tools.setPadding(new Insets(6, 8, 6, 8));

        TableView<ClusterState.Partition> table = new TableView<>(vm.partitions());
        table.setId("partition-table");
        table.getStyleClass().add(Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Tables.placeholder(table, "No partitions to show.");
        table.getColumns().add(Tables.text("Topic", 220, ClusterState.Partition::topic));
        table.getColumns().add(Tables.column("Partition", 70, ClusterState.Partition::partition, String::valueOf, true));
        table.getColumns().add(Tables.text("Leader", 70, p -> p.offline() ? "none" : Integer.toString(p.leader())));
        table.getColumns().add(Tables.text("Replicas", 100, p -> ids(p.replicas())));
        table.getColumns().add(Tables.text("In sync", 100, p -> ids(p.isr())));
        table.getColumns().add(Tables.text("State", 200, ClusterView::state));
        table.setRowFactory(t -> new TableRow<>() {
            @Override
            protected void updateItem(ClusterState.Partition p, boolean empty) {
                super.updateItem(p, empty);
                mark(this, !empty && p != null && p.offline(), !empty && p != null && p.underReplicated());
            }
        });
        VBox box = new VBox(tools, table);
        VBox.setVgrow(table, javafx.scene.layout.Priority.ALWAYS);
        return box;
    }

    static String state(ClusterState.Partition p) {
        if (p.offline()) {
            return "OFFLINE: no leader";
        }
        if (p.underReplicated()) {
            List<Integer> behind = p.outOfSync(); // "replica 2", not "2 out of sync", which reads as a count
            return "under-replicated: replica" + (behind.size() == 1 ? " " : "s ") + ids(behind) + " out of sync";
        }
        return "in sync";
    }

    private static String ids(List<Integer> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    private static void mark(TableRow<?> row, boolean offline, boolean underReplicated) {
        row.getStyleClass().removeAll(OFFLINE, UNDER_REPLICATED);
        if (offline) {
            row.getStyleClass().add(OFFLINE);
        } else if (underReplicated) {
            row.getStyleClass().add(UNDER_REPLICATED);
        }
    }
}
