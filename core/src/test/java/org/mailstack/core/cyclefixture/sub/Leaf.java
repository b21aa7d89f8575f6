package org.mailstack.core.cyclefixture.sub;

import org.mailstack.core.cyclefixture.Root;

/** The other half of the cycle: a subpackage using its parent package. */
public final class Leaf {
    Root root;
}
