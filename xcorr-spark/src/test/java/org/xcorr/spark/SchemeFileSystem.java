package org.xcorr.spark;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local disk under a scheme of its own ({@code xtest://}): a Hadoop file system that is not {@code file:}, as
 * {@code hdfs://} or {@code s3a://} are, for testing the executors' copies of remote cells without a cluster file
 * system. Registered with {@code fs.xtest.impl}.
 */
public final class SchemeFileSystem extends RawLocalFileSystem {

    static final String SCHEME = "xtest";

    @Override
    public URI getUri() {
        return URI.create(SCHEME + ":///");
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }
}
