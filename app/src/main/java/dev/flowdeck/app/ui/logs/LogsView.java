package dev.flowdeck.app.ui.logs;

import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Locale;
import java.util.function.Function;

/** The Logs page: the application log and a live sample of change events, each with filters and pause. */
final class LogsView extends VBox {
    LogsView(LogsViewModel vm) {
        setId("logs");
        getStyleClass().addAll("page", "page-content");
        setSpacing(10);
        Label title = new Label("Logs");
        title.getStyleClass().add("page-title");
        Label subtitle = new Label("The application log and a live sample of change events, newest first. Secrets are masked.");
        subtitle.getStyleClass().add("page-subtitle");

        TabPane tabs = new TabPane(new Tab("Application log", logTab(vm)), new Tab("Live events", eventsTab(vm)));
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        tabs.setId("logs-tabs");
        tabs.getStyleClass().add("logs-tabs");
        VBox.setVgrow(tabs, Priority.ALWAYS);
        getChildren().addAll(new VBox(title, subtitle), tabs);
    }

    private static Node logTab(LogsViewModel vm) {
        ComboBox<String> level = new ComboBox<>(vm.levels());
        level.setId("log-level");
        level.valueProperty().bindBidirectional(vm.levelProperty());
        ComboBox<String> source = new ComboBox<>(vm.sources());
        source.setId("log-source");
        source.valueProperty().bindBidirectional(vm.sourceProperty());
        source.setPrefWidth(200);
        TextField text = new TextField();
        text.setId("log-text");
        text.setPromptText("Filter by text");
        text.textProperty().bindBidirectional(vm.textProperty());
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMaxWidth(420);
        ToggleButton pause = pauseButton("log-pause", vm.pausedProperty());
        Button clear = new Button("Clear");
        clear.setOnAction(e -> vm.clear());
        Label count = new Label();
        count.textProperty().bind(vm.lineCountProperty());
        count.getStyleClass().add("page-subtitle");

        TableView<LogEntry> table = new TableView<>(vm.visibleLines());
        table.setId("log-table");
        table.getStyleClass().addAll("dense", "log-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Time", 100, e -> LogsViewModel.time(e)));
        TableColumn<LogEntry, String> lv = column("Level", 64, LogEntry::level);
        lv.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().removeIf(s -> s.startsWith("level-"));
                if (!empty && item != null) {
                    getStyleClass().add("level-" + item.toLowerCase(Locale.ROOT));
                }
            }
        });
        table.getColumns().add(lv);
        table.getColumns().add(column("Source", 170, LogEntry::source));
        table.getColumns().add(column("Thread", 170, LogEntry::thread));
        table.getColumns().add(column("Message", 600, LogEntry::message));
        table.setPlaceholder(new Label("No log lines match the filters"));
        VBox.setVgrow(table, Priority.ALWAYS);
        return new VBox(8, toolbar(level, source, text, pause, clear, count), table);
    }

    private static Node eventsTab(LogsViewModel vm) {
        TextField text = new TextField();
        text.setId("event-text");
        text.setPromptText("Filter by id, organisation, region or amount");
        text.textProperty().bindBidirectional(vm.eventTextProperty());
        text.setPrefWidth(360);
        ToggleButton pause = pauseButton("event-pause", vm.eventsPausedProperty());
        Button clear = new Button("Clear");
        clear.setOnAction(e -> vm.clearEvents());
        Label count = new Label();
        count.textProperty().bind(vm.eventCountProperty());
        count.getStyleClass().add("page-subtitle");
        Label note = new Label("A sample: every 50th event read from Kafka");
        note.getStyleClass().add("page-subtitle");

        TableView<LogsViewModel.EventRow> table = new TableView<>(vm.visibleEvents());
        table.setId("event-table");
        table.getStyleClass().add("dense");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("Read at", 110, LogsViewModel.EventRow::readAt));
        table.getColumns().add(numeric(column("Row id", 90, r -> Long.toString(r.id()))));
        table.getColumns().add(column("Op", 40, LogsViewModel.EventRow::op));
        table.getColumns().add(column("Organisation", 220, LogsViewModel.EventRow::org));
        table.getColumns().add(numeric(column("Amount", 100, LogsViewModel.EventRow::amount)));
        table.getColumns().add(column("Region", 130, LogsViewModel.EventRow::region));
        table.getColumns().add(numeric(column("Insert → read", 120, LogsViewModel.EventRow::endToEnd)));
        table.setPlaceholder(new Label("No events yet: they appear while the pipeline runs"));
        VBox.setVgrow(table, Priority.ALWAYS);
        return new VBox(8, toolbar(text, pause, clear, note, count), table);
    }

    private static <T> TableColumn<T, String> numeric(TableColumn<T, String> c) {
        c.getStyleClass().add("numeric");
        return c;
    }

    private static ToggleButton pauseButton(String id, javafx.beans.property.BooleanProperty paused) {
        ToggleButton pause = new ToggleButton();
        pause.setId(id);
        pause.selectedProperty().bindBidirectional(paused);
        pause.textProperty().bind(javafx.beans.binding.Bindings.when(paused).then("Resume").otherwise("Pause"));
        return pause;
    }

    private static HBox toolbar(Node... nodes) {
        HBox bar = new HBox(8);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("logs-toolbar");
        for (int i = 0; i < nodes.length; i++) {
            if (i == nodes.length - 1) {
                Region spacer = new Region();
                HBox.setHgrow(spacer, Priority.SOMETIMES);
                bar.getChildren().add(spacer);
            }
            bar.getChildren().add(nodes[i]);
        }
        return bar;
    }

    private static <T> TableColumn<T, String> column(String name, double width, Function<T, String> value) {
        TableColumn<T, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(value.apply(cd.getValue())));
        c.setSortable(false);
        return c;
    }

}
