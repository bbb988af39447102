package org.xcorr.bench;

import java.util.concurrent.TimeUnit;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.xcorr.array.NdArray;
import org.xcorr.ncc.Ncc;
import org.xcorr.ncc.NccOptions;
import org.xcorr.ncc.TemplateMatcher;

/**
 * Normalized cross-correlation, valid placements only ({@code TM_CCOEFF_NORMED}): xcorr in double precision, as
 * the one-shot {@code Ncc.ncc(template, image, VALID)} (template prepared inside the call) and as a prepared
 * {@link TemplateMatcher} (template spectrum reused; the video-frame case), against OpenCV 4.9
 * {@code Imgproc.matchTemplate} on CV_32F Mats. Square images {@code image²} and templates {@code template²} cut
 * from the image (so there is a true match); same thread count for both ({@code Core.setNumThreads}).
 *
 * <pre>
 * java -jar xcorr-bench/target/benchmarks.jar BenchmarkNcc -f 1 -wi 2 -i 3 -w 1 -r 1 -p image=4096 -p template=128
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class BenchmarkNcc {

    /** Image side. */
    @Param({"1024", "2048", "4096"})
    public int image;

    /** Template side. */
    @Param({"8", "32", "128", "512"})
    public int template;

    /** Threads for both libraries. */
    @Param({"2"})
    public int threads;

    private NdArray imageArray;
    private NdArray templateArray;
    private NccOptions options;
    private TemplateMatcher matcher;
    private Mat imageMat;
    private Mat templateMat;
    private Mat resultMat;

    @Setup
    public void setUp() {
        double[] img = Inputs.uniform(image, image, 1);
        int corner = (image - template) / 3;
        double[] tpl = Inputs.crop(img, image, corner, corner, template, template);
        imageArray = NdArray.wrap(img, image, image);
        templateArray = NdArray.wrap(tpl, template, template);
        options = NccOptions.defaults().withMode(org.xcorr.correlate.Mode.VALID).withThreads(threads);
        matcher = TemplateMatcher.prepare(templateArray, imageArray.shape(), options);
        imageMat = Inputs.mat32(img, image, image);
        templateMat = Inputs.mat32(tpl, template, template);
        resultMat = new Mat();
        Core.setNumThreads(threads);
    }

    @Benchmark
    public NdArray xcorrNcc() {
        return Ncc.ncc(templateArray, imageArray, options);
    }

    @Benchmark
    public NdArray xcorrMatcher() {
        return matcher.ncc(imageArray);
    }

    @Benchmark
    public Mat opencvMatchTemplate() {
        Imgproc.matchTemplate(imageMat, templateMat, resultMat, Imgproc.TM_CCOEFF_NORMED);
        return resultMat;
    }
}
