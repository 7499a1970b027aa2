package dev.flowdeck.app.ui.pipeline;

import atlantafx.base.controls.ToggleSwitch;
import javafx.beans.binding.Bindings;
import javafx.beans.property.Property;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.Slider;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.Locale;

/** The live controls: the writer's burst size and interval; the tiers' routing policy, service time, servers, outage. */
final class ControlsPanel extends VBox {
    ControlsPanel(PipelineViewModel vm) {
        setId("controls");
        getStyleClass().add("controls-panel");
        setSpacing(6);

        Label source = section("Source");
        Node rows = row("Rows per burst", vm.rowsPerBurstProperty().asString("%,d"),
                new LogSlider("rows-per-burst", PipelineViewModel.MIN_ROWS_PER_BURST, PipelineViewModel.MAX_ROWS_PER_BURST,
                        vm.rowsPerBurstProperty()));
        Node interval = row("Burst interval", vm.burstIntervalMsProperty().asString("%,d ms"),
                new LogSlider("burst-interval", PipelineViewModel.MIN_BURST_INTERVAL_MS, PipelineViewModel.MAX_BURST_INTERVAL_MS,
                        vm.burstIntervalMsProperty()));
        Label target = new Label();
        target.textProperty().bind(Bindings.concat("Target ", vm.targetRateProperty()));
        target.getStyleClass().add("control-note");
        target.setId("target-rate");

        Label tiers = section("Edge and cloud tiers");
        ComboBox<String> policy = new ComboBox<>(vm.policiesProperty());
        policy.setId("routing-policy");
        policy.valueProperty().bindBidirectional(vm.policyProperty());
        policy.setMaxWidth(Double.MAX_VALUE);
        Node policyRow = labelled("Routing policy", policy);

        VBox edge = tier("Edge", "edge", vm.edgeServiceMsProperty(), 1, 200, vm.edgeServersProperty(), 32, vm.edgeOutageProperty());
        VBox cloud = tier("Cloud", "cloud", vm.cloudServiceMsProperty(), 10, 2_000, vm.cloudServersProperty(), 64, vm.cloudOutageProperty());
        Label unavailable = new Label();
        unavailable.textProperty().bind(vm.tiersEmptyProperty());
        unavailable.getStyleClass().add("control-note");
        unavailable.setWrapText(true);
        unavailable.visibleProperty().bind(vm.tiersAvailableProperty().not());
        unavailable.managedProperty().bind(unavailable.visibleProperty());
        VBox tierControls = new VBox(6, policyRow, edge, cloud);
        tierControls.disableProperty().bind(vm.tiersAvailableProperty().not());

        Label message = new Label();
        message.textProperty().bind(vm.actionMessageProperty());
        message.getStyleClass().add("control-message");
        message.setWrapText(true);
        message.setId("action-message");

        getChildren().addAll(source, rows, interval, target, new Separator(), tiers, unavailable, tierControls, message);
    }

    private static VBox tier(String title, String id, Property<Number> serviceMs, double minMs, double maxMs,
                             Property<Number> servers, int maxServers, Property<Boolean> outage) {
        Label name = new Label(title);
        name.getStyleClass().add("tier-name");
        ToggleSwitch outageSwitch = new ToggleSwitch();
        outageSwitch.setId(id + "-outage");
        outageSwitch.selectedProperty().bindBidirectional(outage);
        Label outageLabel = new Label("Outage");
        outageLabel.getStyleClass().add("control-label");
        outageLabel.setLabelFor(outageSwitch);
        outageLabel.setOnMouseClicked(e -> outageSwitch.setSelected(!outageSwitch.isSelected())); // the words toggle it too
        outageSwitch.selectedProperty().addListener((o, was, now) -> outageLabel.pseudoClassStateChanged(
                javafx.css.PseudoClass.getPseudoClass("out"), now));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox head = new HBox(6, name, spacer, outageLabel, outageSwitch);
        head.setAlignment(Pos.CENTER_LEFT);

        LogSlider service = new LogSlider(id + "-service-ms", minMs, maxMs, serviceMs);
        Node serviceRow = row("Service time", Bindings.createStringBinding(
                () -> String.format(Locale.ROOT, "%,.0f ms", serviceMs.getValue().doubleValue()), serviceMs), service);
        Slider serverSlider = new Slider(1, maxServers, servers.getValue().doubleValue());
        serverSlider.setId(id + "-servers");
        serverSlider.setMajorTickUnit(1);
        serverSlider.setMinorTickCount(0);
        serverSlider.setSnapToTicks(true);
        serverSlider.valueProperty().addListener((o, was, now) -> servers.setValue((int) Math.round(now.doubleValue())));
        servers.addListener((o, was, now) -> serverSlider.setValue(now.doubleValue()));
        Node serversRow = row("Servers", Bindings.createStringBinding(() -> Integer.toString(servers.getValue().intValue()), servers),
                serverSlider);
        VBox box = new VBox(4, head, serviceRow, serversRow);
        box.getStyleClass().add("tier-box");
        return box;
    }

    private static Label section(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("section-title");
        return l;
    }

    private static Node row(String label, javafx.beans.value.ObservableStringValue value, Slider slider) {
        Label name = new Label(label);
        name.getStyleClass().add("control-label");
        Label v = new Label();
        v.textProperty().bind(value);
        v.getStyleClass().add("control-value");
        v.setId(slider.getId() + "-value");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox top = new HBox(name, spacer, v);
        top.setAlignment(Pos.CENTER_LEFT);
        slider.setMaxWidth(Double.MAX_VALUE);
        return new VBox(2, top, slider);
    }

    private static Node labelled(String label, Node control) {
        Label name = new Label(label);
        name.getStyleClass().add("control-label");
        return new VBox(2, name, control);
    }
}
