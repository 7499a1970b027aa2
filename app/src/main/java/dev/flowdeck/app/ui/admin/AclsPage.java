package dev.flowdeck.app.ui.admin;

import dev.flowdeck.app.ui.kit.ConsoleContext;
import javafx.scene.Node;
import javafx.util.Duration;

/** The ACLs page: every ACL, filterable; create one or delete the selected one, each with a preview first. */
public final class AclsPage extends PolledPage<AclsViewModel> {
    public AclsPage(ConsoleContext context) {
        super(new AclsViewModel(context), Duration.seconds(5));
    }

    @Override
    public String id() {
        return "acls";
    }

    @Override
    public String title() {
        return "ACLs";
    }

    @Override
    Node build(AclsViewModel vm) {
        return new AclsView(vm).build();
    }
}
