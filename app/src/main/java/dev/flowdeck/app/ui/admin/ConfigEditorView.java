package dev.flowdeck.app.ui.admin;

import atlantafx.base.theme.Styles;
import dev.flowdeck.engine.admin.ConfigValue;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.List;

/**
 * The config editor: a filterable table of every configuration (value, source, default), and under it the selected
 * one with Kafka's description, a new value, Preview and Apply. Ids start with a prefix so two editors can share
 * a scene (e.g. {@code broker-config-table}, {@code topic-config-table}).
 */
final class ConfigEditorView {
    private final ConfigEditorViewModel vm;
    private final String prefix;

    ConfigEditorView(ConfigEditorViewModel vm, String prefix) {
        this.vm = vm;
        this.prefix = prefix;
    }

    Node build() {
        TextField filter = new TextField();
        filter.setId(prefix + "-filter");
        filter.setPromptText("Filter by name, value or source");
        filter.setPrefColumnCount(22);
        filter.textProperty().bindBidirectional(vm.filterProperty());
        CheckBox overridden = new CheckBox("Only not default");
        overridden.setId(prefix + "-overridden-only");
        overridden.selectedProperty().bindBidirectional(vm.overriddenOnlyProperty());
        Label summary = new Label();
        summary.setId(prefix + "-summary");
        summary.getStyleClass().add(Styles.TEXT_MUTED);
        summary.textProperty().bind(vm.summaryProperty());
        HBox tools = new HBox(10, filter, overridden, summary);
        tools.setAlignment(Pos.CENTER_LEFT);

        TableView<ConfigValue> table = new TableView<>(vm.configs());
        table.setId(prefix + "-table");
        table.getStyleClass().add(Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Tables.placeholder(table, "No configurations to show.");
        table.getColumns().add(Tables.text("Name", 250, ConfigValue::name));
        table.getColumns().add(Tables.text("Value", 170, c -> shown(c.value())));
        table.getColumns().add(Tables.text("Source", 140, ConfigValue::source));
        table.getColumns().add(Tables.text("Default", 130, c -> shown(c.defaultValue())));
        table.getColumns().add(Tables.text("Editable", 90, c -> c.readOnly() ? "restart" : "live"));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                vm.selectedProperty().set(now);
            }
        });
        vm.selectedProperty().addListener((o, was, now) -> {
            if (now != null && table.getSelectionModel().getSelectedItem() != now) {
                table.getSelectionModel().select(now);
                table.scrollTo(now);
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);

        VBox box = new VBox(8, tools, table, editor());
        box.setPadding(new Insets(6, 10, 10, 10));
        return box;
    }

    private Node editor() {
        Label name = new Label();
        name.setId(prefix + "-selected");
        name.getStyleClass().add(Styles.TEXT_BOLD);
        name.textProperty().bind(Bindings.createStringBinding(() -> {
            ConfigValue c = vm.selectedProperty().get();
            return c == null ? "Select a configuration to change it" : c.name() + "  ·  now " + shown(c.value()) + " ("
                    + c.source() + ")  ·  default " + shown(c.defaultValue());
        }, vm.selectedProperty()));
        Label doc = new Label();
        doc.setWrapText(true);
        doc.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        doc.textProperty().bind(Bindings.createStringBinding(() -> vm.selectedProperty().get() == null ? ""
                : vm.selectedProperty().get().documentation(), vm.selectedProperty()));
        doc.setMaxHeight(48);

        TextField value = new TextField();
        value.setId(prefix + "-new-value");
        value.setPromptText("new value; empty removes the override");
        value.setPrefColumnCount(12);
        HBox.setHgrow(value, Priority.ALWAYS);
        value.setMaxWidth(320);
        value.textProperty().bindBidirectional(vm.newValueProperty());
        value.disableProperty().bind(vm.selectedProperty().isNull());
        Button preview = new Button("Preview");
        preview.setId(prefix + "-preview");
        preview.setOnAction(e -> vm.previewChange());
        preview.disableProperty().bind(vm.selectedProperty().isNull().or(vm.busyProperty()));
        value.setOnAction(e -> vm.previewChange());
        Button apply = new Button("Apply");
        apply.setId(prefix + "-apply");
        apply.getStyleClass().add(Styles.ACCENT);
        apply.disableProperty().bind(vm.applyEnabledProperty().not());
        apply.setOnAction(e -> vm.apply());
        Label hint = new Label("Nothing changes until you preview and apply.");
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        hint.setMinWidth(0); // in a narrow pane the hint gives way, never the buttons
        Label valueLabel = new Label("New value");
        for (Region r : List.of(valueLabel, preview, apply)) {
            r.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox row = new HBox(10, valueLabel, value, preview, apply, hint);
        row.setAlignment(Pos.CENTER_LEFT);

        PreviewBox previewBox = new PreviewBox(vm.previewProperty());
        previewBox.setId(prefix + "-preview-box");
        Label error = OutcomeLabel.error(prefix + "-error", vm.errorProperty());
        Label result = OutcomeLabel.result(prefix + "-result", vm.resultProperty());
        return new VBox(6, name, doc, row, previewBox, error, result);
    }

    private static String shown(String value) {
        return value == null ? "(not set)" : value.isEmpty() ? "(empty)" : value;
    }
}
