package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.kit.ConsoleContext;
import dev.flowdeck.app.ui.kit.PageStatus;
import dev.flowdeck.engine.admin.AclRule;
import dev.flowdeck.engine.admin.AclService;
import dev.flowdeck.engine.admin.ChangePreview;
import dev.flowdeck.engine.admin.Human;
import dev.flowdeck.engine.config.KafkaSettings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

import java.util.List;
import java.util.Optional;

/**
 * The ACLs page's state: the cluster's ACLs filtered by any text, a form for a new one, and a create or a delete
 * that is previewed first and applied only after a preview that allows it. A cluster without an authorizer says so
 * and how to turn one on.
 */
public final class AclsViewModel implements PolledPage.Model {
    /** A previewed change waiting for Apply. */
    public record Pending(boolean create, AclRule rule) {
    }

    private final ConsoleContext context;
    private final ConnectionScoped<KafkaSettings, AclService> service = new ConnectionScoped<>(AclService::new);
    private final PageStatus page = new PageStatus(UserText::of);
    private final ObservableList<AclRule> all = FXCollections.observableArrayList();
    private final FilteredList<AclRule> acls = new FilteredList<>(all);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<AclRule> selected = new SimpleObjectProperty<>();
    private final StringProperty principal = new SimpleStringProperty("User:");
    private final StringProperty host = new SimpleStringProperty("*");
    private final StringProperty operation = new SimpleStringProperty("READ");
    private final StringProperty permission = new SimpleStringProperty("ALLOW");
    private final StringProperty resourceType = new SimpleStringProperty("TOPIC");
    private final StringProperty resourceName = new SimpleStringProperty("");
    private final StringProperty patternType = new SimpleStringProperty("LITERAL");
    private final ReadOnlyObjectWrapper<ChangePreview> preview = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Pending> pending = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper applyEnabled = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper result = new ReadOnlyStringWrapper("");
    private boolean refreshing;

    public AclsViewModel(ConsoleContext context) {
        this.context = context;
        filter.addListener(o -> {
            acls.setPredicate(r -> r.mentions(filter.get()));
            showStatus();
        });
        pending.addListener(o -> updateApplyEnabled());
        page.busyProperty().addListener(o -> updateApplyEnabled());
        for (StringProperty p : List.of(principal, host, operation, permission, resourceType, resourceName, patternType)) {
            p.addListener(o -> clearPreviewOf(true));
        }
        selected.addListener(o -> clearPreviewOf(false));
    }

    public ObservableList<AclRule> acls() {
        return acls;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<AclRule> selectedProperty() {
        return selected;
    }

    public StringProperty principalProperty() {
        return principal;
    }

    public StringProperty hostProperty() {
        return host;
    }

    public StringProperty operationProperty() {
        return operation;
    }

    public StringProperty permissionProperty() {
        return permission;
    }

    public StringProperty resourceTypeProperty() {
        return resourceType;
    }

    public StringProperty resourceNameProperty() {
        return resourceName;
    }

    public StringProperty patternTypeProperty() {
        return patternType;
    }

    public ReadOnlyObjectProperty<ChangePreview> previewProperty() {
        return preview.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Pending> pendingProperty() {
        return pending.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty applyEnabledProperty() {
        return applyEnabled.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty connectedProperty() {
        return page.connectedProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return page.errorProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultProperty() {
        return result.getReadOnlyProperty();
    }

    @Override
    public void refresh() {
        Optional<KafkaSettings> kafka = context.kafka();
        page.setConnected(kafka.isPresent());
        if (kafka.isEmpty() || refreshing) {
            return;
        }
        refreshing = true;
        context.tasks().run("list ACLs", () -> service.get(kafka.get()).list(""), list -> {
            refreshing = false;
            AclRule keep = selected.get();
            if (!list.equals(all)) {
                all.setAll(list);
            }
            if (keep != null && !list.contains(keep)) {
                selected.set(null);
            }
            showStatus();
        }, e -> {
            refreshing = false;
            all.clear();
            status.set(UserText.of(e));
        });
    }

    private void showStatus() {
        String text = filter.get();
        status.set(text == null || text.isBlank() ? Human.plural(all.size(), "ACL")
                : acls.size() + " of " + Human.plural(all.size(), "ACL") + " matching '" + text.strip() + "'");
    }

    public void previewCreate() {
        AclRule rule;
        try {
            rule = AclRule.of(principal.get(), host.get(), operation.get(), permission.get(), resourceType.get(),
                    resourceName.get(), patternType.get());
        } catch (IllegalArgumentException e) {
            show(ChangePreview.blocked("Create an ACL", e.getMessage()), null);
            return;
        }
        run("preview ACL", s -> s.previewCreate(rule), new Pending(true, rule));
    }

    public void previewDelete() {
        AclRule rule = selected.get();
        if (rule == null) {
            show(ChangePreview.blocked("Delete an ACL", "select an ACL in the list first"), null);
            return;
        }
        run("preview ACL delete", s -> s.previewDelete(rule), new Pending(false, rule));
    }

    public void apply() {
        Pending p = pending.get();
        Optional<KafkaSettings> kafka = context.kafka();
        if (p == null || kafka.isEmpty()) {
            return;
        }
        page.run(context.tasks(), "change ACLs", () -> {
            AclService s = service.get(kafka.get());
            if (p.create()) {
                s.create(p.rule());
            } else {
                s.delete(p.rule());
            }
            return null;
        }, nothing -> {
            result.set((p.create() ? "created: " : "deleted: ") + p.rule().describe());
            show(null, null);
            refresh();
        });
    }

    private interface PreviewCall {
        ChangePreview preview(AclService s);
    }

    private void run(String name, PreviewCall call, Pending change) {
        Optional<KafkaSettings> kafka = context.kafka();
        if (kafka.isEmpty()) {
            show(ChangePreview.blocked("Preview", UserText.NO_KAFKA), null);
            return;
        }
        result.set("");
        page.run(context.tasks(), name, () -> call.preview(service.get(kafka.get())), p -> show(p, p.allowed() ? change : null));
    }

    private void show(ChangePreview p, Pending change) {
        preview.set(p);
        pending.set(change);
    }

    /** An edit of the form drops a create preview; a new selection drops a delete preview. */
    private void clearPreviewOf(boolean create) {
        Pending p = pending.get();
        if (p != null && p.create() == create || p == null && preview.get() != null) {
            show(null, null);
        }
    }

    private void updateApplyEnabled() {
        applyEnabled.set(pending.get() != null && !page.isBusy());
    }

    @Override
    public void close() {
        service.close();
    }
}
