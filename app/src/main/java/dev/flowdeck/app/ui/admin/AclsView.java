package dev.flowdeck.app.ui.admin;

import atlantafx.base.theme.Styles;
import dev.flowdeck.engine.admin.AclRule;
import javafx.beans.binding.Bindings;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

import java.util.List;

/** The ACLs page: the filterable list on the left; a new ACL's form, the preview and Apply on the right. */
final class AclsView {
    private final AclsViewModel vm;

    AclsView(AclsViewModel vm) {
        this.vm = vm;
    }

    Node build() {
        BorderPane page = new BorderPane();
        page.setId("acls");
        page.getStyleClass().add("admin-page");
        page.getStylesheets().add(AdminStyles.URL);
        Label title = new Label("ACLs");
        title.getStyleClass().add(Styles.TITLE_3);
        TextField filter = new TextField();
        filter.setId("acl-filter");
        filter.setPromptText("Filter: principal, resource, operation...");
        filter.setPrefColumnCount(26);
        filter.textProperty().bindBidirectional(vm.filterProperty());
        HBox bar = new HBox(12, title, filter);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(10, 12, 6, 12));
        page.setTop(bar);

        SplitPane split = new SplitPane(table(), side());
        split.setDividerPositions(0.62);
        page.setCenter(new StackPane(split, EmptyState.label(vm.connectedProperty(), UserText.NO_KAFKA)));
        page.setBottom(StatusBar.of("acl-status", vm.statusProperty()));
        return page;
    }

    private Node table() {
        TableView<AclRule> table = new TableView<>(vm.acls());
        table.setId("acl-table");
        table.getStyleClass().add(Styles.DENSE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Tables.placeholder(table, Bindings.createStringBinding(() -> vm.statusProperty().get().contains("authorizer")
                ? vm.statusProperty().get() : "No ACLs to show.", vm.statusProperty()));
        table.getColumns().add(Tables.text("Principal", 130, AclRule::principal));
        table.getColumns().add(Tables.text("Permission", 100, AclRule::permission));
        table.getColumns().add(Tables.text("Operation", 110, AclRule::operation));
        table.getColumns().add(Tables.text("Resource", 90, r -> r.resourceType().toLowerCase()));
        table.getColumns().add(Tables.text("Name", 150, AclRule::resourceName));
        table.getColumns().add(Tables.text("Pattern", 80, r -> r.patternType().toLowerCase()));
        table.getColumns().add(Tables.text("Host", 80, r -> r.host().equals("*") ? "any" : r.host()));
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> vm.selectedProperty().set(now));
        return table;
    }

    private Node side() {
        Label newTitle = new Label("New ACL");
        newTitle.getStyleClass().add("section-title");
        GridPane g = new GridPane();
        g.setHgap(8);
        g.setVgap(6);
        row(g, 0, "Principal", field("acl-principal", "User:alice, or User:* for everyone", vm.principalProperty()));
        row(g, 1, "Permission", choice("acl-permission", List.of("ALLOW", "DENY"), vm.permissionProperty()));
        row(g, 2, "Operation", choice("acl-operation", List.of("READ", "WRITE", "CREATE", "DELETE", "ALTER", "DESCRIBE",
                "CLUSTER_ACTION", "DESCRIBE_CONFIGS", "ALTER_CONFIGS", "IDEMPOTENT_WRITE", "ALL"), vm.operationProperty()));
        row(g, 3, "Resource type", choice("acl-resource-type", List.of("TOPIC", "GROUP", "CLUSTER", "TRANSACTIONAL_ID",
                "DELEGATION_TOKEN", "USER"), vm.resourceTypeProperty()));
        row(g, 4, "Resource name", field("acl-resource-name", "orders, a prefix, or * for all", vm.resourceNameProperty()));
        row(g, 5, "Pattern", choice("acl-pattern", List.of("LITERAL", "PREFIXED"), vm.patternTypeProperty()));
        row(g, 6, "Host", field("acl-host", "* for any host", vm.hostProperty()));
        Button previewCreate = new Button("Preview create");
        previewCreate.setId("acl-preview-create");
        previewCreate.setOnAction(e -> vm.previewCreate());
        Button previewDelete = new Button("Preview delete of selected");
        previewDelete.setId("acl-preview-delete");
        previewDelete.disableProperty().bind(vm.selectedProperty().isNull());
        previewDelete.setOnAction(e -> vm.previewDelete());
        HBox previews = new HBox(8, previewCreate, previewDelete);

        PreviewBox preview = new PreviewBox(vm.previewProperty());
        preview.setId("acl-preview");
        Button apply = new Button();
        apply.setId("acl-apply");
        apply.textProperty().bind(Bindings.createStringBinding(() -> vm.pendingProperty().get() == null ? "Apply"
                : vm.pendingProperty().get().create() ? "Create ACL" : "Delete ACL", vm.pendingProperty()));
        apply.disableProperty().bind(vm.applyEnabledProperty().not());
        vm.pendingProperty().addListener((o, was, now) -> {
            apply.getStyleClass().removeAll(Styles.DANGER, Styles.ACCENT);
            apply.getStyleClass().add(now != null && !now.create() ? Styles.DANGER : Styles.ACCENT);
        });
        apply.setOnAction(e -> vm.apply());
        Label hint = new Label("Nothing changes until you preview and apply.");
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        HBox applyRow = new HBox(10, apply, hint);
        applyRow.setAlignment(Pos.CENTER_LEFT);
        Label error = OutcomeLabel.error("acl-error", vm.errorProperty());
        Label result = OutcomeLabel.result("acl-result", vm.resultProperty());

        VBox side = new VBox(10, newTitle, g, previews, preview, applyRow, error, result);
        side.setPadding(new Insets(8, 10, 10, 10));
        ScrollPane scroll = new ScrollPane(side);
        scroll.setFitToWidth(true);
        scroll.setMinWidth(340);
        return scroll;
    }

    private static TextField field(String id, String prompt, StringProperty value) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(value);
        GridPane.setHgrow(f, Priority.ALWAYS);
        return f;
    }

    private static ComboBox<String> choice(String id, List<String> values, StringProperty value) {
        ComboBox<String> c = new ComboBox<>();
        c.getItems().setAll(values);
        c.setId(id);
        c.valueProperty().bindBidirectional(value);
        c.setMaxWidth(Double.MAX_VALUE);
        return c;
    }

    private static void row(GridPane g, int row, String label, Node field) {
        g.add(new Label(label), 0, row);
        g.add(field, 1, row);
    }
}
