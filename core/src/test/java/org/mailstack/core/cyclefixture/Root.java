package org.mailstack.core.cyclefixture;

import org.mailstack.core.cyclefixture.sub.Leaf;

/** Half of a root-to-subpackage cycle that {@code PackageCyclesTest} must find. */
public final class Root {
    Leaf leaf;
}
