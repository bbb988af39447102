package org.xcorr.cli;

import java.util.Locale;
import org.xcorr.match.MatchMethod;

/**
 * {@code match --method}: xcorr's spellings ({@code ccoeff-normed}) and OpenCV's, so a call can be copied from
 * Python or C++: {@code TM_CCOEFF_NORMED}, {@code cv.TM_CCOEFF_NORMED}, {@code cv2.TM_SQDIFF},
 * {@code cv::TM_CCORR}, the C API's {@code CV_TM_CCORR_NORMED}, and OpenCV's integer values {@code 0} to {@code 5}
 * ({@code TM_SQDIFF} = 0 … {@code TM_CCOEFF_NORMED} = 5). Any case; hyphens and underscores alike.
 */
final class MatchMethodConverter extends ParsingConverter<MatchMethod> {

    /** OpenCV's enum values, in the order of {@code cv::TemplateMatchModes}. */
    private static final MatchMethod[] OPENCV_ORDER = {
        MatchMethod.SQDIFF, MatchMethod.SQDIFF_NORMED, MatchMethod.CCORR, MatchMethod.CCORR_NORMED,
        MatchMethod.CCOEFF, MatchMethod.CCOEFF_NORMED};

    @Override
    MatchMethod parse(String value) {
        String n = value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        n = n.replaceFirst("^(CV2?\\.|CV::)", "").replaceFirst("^(CV_)?TM_", "");
        if (n.length() == 1 && n.charAt(0) >= '0' && n.charAt(0) <= '5') {
            return OPENCV_ORDER[n.charAt(0) - '0'];
        }
        for (MatchMethod m : MatchMethod.values()) {
            if (m.name().equals(n)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown method '" + value + "'; expected sqdiff, sqdiff-normed, ccorr,"
                + " ccorr-normed, ccoeff or ccoeff-normed (or OpenCV's TM_SQDIFF ... TM_CCOEFF_NORMED, cv.TM_*, 0-5)");
    }

    /** The command-line spelling of {@code m}, for example {@code ccoeff-normed}. */
    static String name(MatchMethod m) {
        return EnumNames.name(m);
    }
}
