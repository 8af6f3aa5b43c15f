package org.lethe.engine.data;

/**
 * The shape of one image: channels, height, width (pixels stored channel-major, each channel a
 * row-major plane, as in CIFAR-10's binary records).
 */
public record ImageShape(int channels, int height, int width) {

    public ImageShape {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, was " + channels);
        }
        if (height < 1 || width < 1 || (long) height * width > 16_777_216L) {
            throw new IllegalArgumentException("bad image size " + height + "x" + width);
        }
    }

    /** Bytes per image: channels x height x width. */
    public int pixelsPerImage() {
        return channels * height * width;
    }

    /** The shape as {@code [c, h, w]}. */
    public int[] toArray() {
        return new int[] {channels, height, width};
    }
}
