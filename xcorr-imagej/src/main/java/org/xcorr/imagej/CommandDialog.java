package org.xcorr.imagej;

import ij.ImagePlus;
import ij.Macro;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.util.Tools;
import java.awt.GraphicsEnvironment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A command's parameters, read from a {@link GenericDialog} when a display exists and from the macro options
 * string when it does not (ImageJ 1's {@code GenericDialog} is an AWT dialog and cannot be created on a headless
 * JVM, while Fiji's headless mode patches it; this class makes the plugins work in both).
 *
 * <p>Each field's macro key is the first word of its label in lower case ({@link Macro#trimKey}), exactly as
 * {@code GenericDialog} records it, so {@code run("Find Template", "template=t.tif subpixel=parabolic ncc_map")}
 * means the same in the dialog, in a recorded macro and headless. As in {@code GenericDialog}: a number or
 * choice missing from the options keeps its default; a checkbox is on only when its key appears as a word.
 * Labels' underscores are shown as spaces.
 *
 * <p>Fields are read back in the order they were added ({@code next...} methods). A value that cannot be used
 * (not a number, not one of the choices, an unknown image) throws {@link IllegalArgumentException} with one line
 * naming the key and the value; the commands show it with {@code IJ.error}.
 */
final class CommandDialog {

    private enum Kind { NUMBER, CHOICE, CHECKBOX, IMAGE }

    private record Field(Kind kind, String key, String defaultValue, String[] items) {
    }

    private final GenericDialog dialog;
    private final String options;
    private final List<Field> fields = new ArrayList<>();
    private final Set<String> keys = new HashSet<>();
    /** Image ids in the order of the titles offered, per image field (a title may not be unique). */
    private final List<int[]> imageIds = new ArrayList<>();
    private int next;
    private int nextImage;

    /** A dialog titled {@code title}: a {@link GenericDialog} unless the JVM is headless. */
    CommandDialog(String title) {
        if (GraphicsEnvironment.isHeadless()) {
            dialog = null;
            options = Macro.getOptions();
        } else {
            dialog = new GenericDialog(title);
            options = null;
        }
    }

    /** Whether the values come from a macro's options (or defaults) rather than from a person. */
    boolean isHeadless() {
        return dialog == null;
    }

    private void add(Kind kind, String label, String defaultValue, String[] items) {
        String key = Macro.trimKey(label.trim());
        if (!keys.add(key)) {
            // GenericDialog would rename the key to key_0, which no user would guess: catch it here.
            throw new IllegalStateException("two fields of one dialog share the macro key '" + key + "'");
        }
        fields.add(new Field(kind, key, defaultValue, items));
    }

    /** A numeric field; {@code decimals} digits shown in the dialog. */
    void addNumber(String label, double defaultValue, int decimals) {
        add(Kind.NUMBER, label, Double.toString(defaultValue), null);
        if (dialog != null) {
            dialog.addNumericField(label, defaultValue, decimals);
        }
    }

    /** A choice among {@code items}; {@code defaultItem} must be one of them. */
    void addChoice(String label, String[] items, String defaultItem) {
        add(Kind.CHOICE, label, defaultItem, items.clone());
        if (dialog != null) {
            dialog.addChoice(label, items, defaultItem);
        }
    }

    /** A checkbox. */
    void addCheckbox(String label, boolean defaultValue) {
        add(Kind.CHECKBOX, label, Boolean.toString(defaultValue), null);
        if (dialog != null) {
            dialog.addCheckbox(label, defaultValue);
        }
    }

    /**
     * A choice among the open images by title; {@code defaultTitle} is preselected (the first image when it is
     * null or not open).
     */
    void addImageChoice(String label, String defaultTitle) {
        int[] ids = WindowManager.getIDList();
        if (ids == null) {
            ids = new int[0];
        }
        String[] titles = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            ImagePlus imp = WindowManager.getImage(ids[i]);
            titles[i] = imp == null ? "" : imp.getTitle();
        }
        String def = defaultTitle != null && Arrays.asList(titles).contains(defaultTitle) ? defaultTitle
                : titles.length > 0 ? titles[0] : "";
        add(Kind.IMAGE, label, def, titles);
        imageIds.add(ids);
        if (dialog != null) {
            dialog.addChoice(label, titles.length > 0 ? titles : new String[] {""}, def);
        }
    }

    /** A line of text in the dialog (nothing headless). */
    void addMessage(String text) {
        if (dialog != null) {
            dialog.addMessage(text);
        }
    }

    /** Shows the dialog (returns at once in a macro); false when the user cancelled. */
    boolean show() {
        if (dialog == null) {
            return true;
        }
        dialog.showDialog();
        return !dialog.wasCanceled();
    }

    private Field nextField(Kind kind) {
        if (next >= fields.size() || fields.get(next).kind != kind) {
            throw new IllegalStateException("fields read in another order than added (field " + next + ")");
        }
        return fields.get(next++);
    }

    private String macroValue(Field f) {
        return options == null ? f.defaultValue : Macro.getValue(options, f.key, f.defaultValue);
    }

    /** The next numeric field's value. */
    double nextNumber() {
        Field f = nextField(Kind.NUMBER);
        if (dialog != null) {
            double v = dialog.getNextNumber();
            if (Double.isNaN(v) && dialog.invalidNumber()) {
                throw new IllegalArgumentException(f.key + ": " + dialog.getErrorMessage());
            }
            return v;
        }
        String text = macroValue(f);
        double v = Tools.parseDouble(text);
        if (Double.isNaN(v)) {
            throw new IllegalArgumentException(f.key + "=" + text + " is not a number");
        }
        return v;
    }

    /** The next numeric field's value, which must be a whole number within {@code [min, max]}. */
    int nextInt(int min, int max) {
        String key = fields.get(Math.min(next, fields.size() - 1)).key;
        double v = nextNumber();
        if (v != Math.rint(v) || v < min || v > max) {
            throw new IllegalArgumentException(key + " must be a whole number from " + min + " to " + max + ", got "
                    + (v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v)));
        }
        return (int) v;
    }

    /** The next choice field's item. */
    String nextChoice() {
        Field f = nextField(Kind.CHOICE);
        if (dialog != null) {
            return dialog.getNextChoice();
        }
        String v = macroValue(f);
        for (String item : f.items) {
            if (item.equals(v)) {
                return v;
            }
        }
        throw new IllegalArgumentException(f.key + "=" + v + " is not one of " + String.join(", ", f.items));
    }

    /** The next checkbox's state. */
    boolean nextBoolean() {
        Field f = nextField(Kind.CHECKBOX);
        if (dialog != null) {
            return dialog.getNextBoolean();
        }
        return options == null ? Boolean.parseBoolean(f.defaultValue) : hasWord(options, f.key);
    }

    /** The next image choice's image; never null. */
    ImagePlus nextImage() {
        Field f = nextField(Kind.IMAGE);
        int[] ids = imageIds.get(nextImage++);
        if (ids.length == 0) {
            throw new IllegalArgumentException(f.key + ": no image is open");
        }
        if (dialog != null) {
            int index = dialog.getNextChoiceIndex();
            ImagePlus imp = index < 0 ? null : WindowManager.getImage(ids[index]);
            if (imp == null) {
                throw new IllegalArgumentException(f.key + ": the chosen image was closed");
            }
            return imp;
        }
        String title = macroValue(f);
        for (int i = 0; i < ids.length; i++) {
            if (f.items[i].equals(title)) {
                ImagePlus imp = WindowManager.getImage(ids[i]);
                if (imp != null) {
                    return imp;
                }
            }
        }
        throw new IllegalArgumentException(f.key + "=" + title + " is not an open image; open images: "
                + String.join(", ", f.items));
    }

    /**
     * Whether {@code word} appears in the options as a whole word outside {@code [...]} literals and not as
     * a value; {@code GenericDialog}'s rule for checkboxes.
     */
    static boolean hasWord(String options, String word) {
        String s = options.endsWith(" ") ? options : options + " ";
        String w = word + " ";
        if (s.startsWith(w)) {
            return true;
        }
        boolean literal = false;
        for (int i = 0; i + w.length() < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') {
                literal = true;
            } else if (c == ']') {
                literal = false;
            } else if (c == ' ' && !literal && s.startsWith(w, i + 1)) {
                return true;
            }
        }
        return false;
    }
}
