package io.lime.internal.type;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Redis's geohash arithmetic (src/geohash.c, src/geohash_helper.c): the 52-bit interleaved
 * score of a point, its decoding, the nine boxes that cover a search area, the haversine
 * distance, and the two number formats geo replies use. Pure functions, no state.
 *
 * <p>Implementation notes.
 * <ul>
 *   <li>A hash of {@code step} steps holds {@code 2*step} bits: latitude cell index in the
 *       even bits, longitude in the odd ones (so the longitude bit is the higher of a pair).
 *       Scores are the 26-step hash (52 bits), exact as doubles.
 *   <li>Every floating-point expression is evaluated in Redis's order with the same
 *       constants, so decoded coordinates and distances are bit-identical to Redis's (the
 *       trigonometric functions are {@link StrictMath}'s, within an ulp of glibc's).
 *   <li>A "zero" hash (bits 0 and step 0) is Redis's GZERO: a neighbour box to skip.
 * </ul>
 */
public final class GeoHash {
  /** GEO_LONG_MIN / GEO_LONG_MAX. */
  public static final double LONG_MIN = -180;
  public static final double LONG_MAX = 180;
  /** GEO_LAT_MIN / GEO_LAT_MAX (the EPSG:900913 limits). */
  public static final double LAT_MIN = -85.05112878;
  public static final double LAT_MAX = 85.05112878;
  /** GEO_STEP_MAX: 26 steps, 52 bits. */
  public static final int STEP_MAX = 26;

  private static final double D_R = Math.PI / 180.0;
  private static final double EARTH_RADIUS_IN_METERS = 6372797.560856;
  private static final double MERCATOR_MAX = 20037726.37;
  private static final long EVEN_BITS = 0x5555555555555555L;
  private static final long ODD_BITS = 0xaaaaaaaaaaaaaaaaL;
  private static final String ALPHABET = "0123456789bcdefghjkmnpqrstuvwxyz";

  private GeoHash() {}

  // ------------------------------------------------------------------ encode / decode

  /** The 52-bit score of a point inside the limits (geohashEncodeWGS84 + geohashAlign52Bits). */
  public static long score(double lon, double lat) {
    return encode(LONG_MIN, LONG_MAX, LAT_MIN, LAT_MAX, lon, lat, STEP_MAX);
  }

  /** Whether a point is inside the limits GEOADD accepts. */
  public static boolean valid(double lon, double lat) {
    return !(lon < LONG_MIN || lon > LONG_MAX || lat < LAT_MIN || lat > LAT_MAX);
  }

  /**
   * geohashEncode: the {@code 2*step}-bit hash of a point within the given ranges; 0 when
   * the point is outside the limits or the ranges.
   */
  static long encode(double lonMin, double lonMax, double latMin, double latMax, double lon,
      double lat, int step) {
    if (!valid(lon, lat) || lat < latMin || lat > latMax || lon < lonMin || lon > lonMax) {
      return 0;
    }
    double latOffset = (lat - latMin) / (latMax - latMin);
    double lonOffset = (lon - lonMin) / (lonMax - lonMin);
    latOffset *= (double) (1L << step);
    lonOffset *= (double) (1L << step);
    return spread((long) latOffset) | (spread((long) lonOffset) << 1);
  }

  /** The 32 low bits of {@code v} moved to the even bit positions. */
  private static long spread(long v) {
    long x = v & 0xffffffffL;
    x = (x | (x << 16)) & 0x0000ffff0000ffffL;
    x = (x | (x << 8)) & 0x00ff00ff00ff00ffL;
    x = (x | (x << 4)) & 0x0f0f0f0f0f0f0f0fL;
    x = (x | (x << 2)) & 0x3333333333333333L;
    x = (x | (x << 1)) & EVEN_BITS;
    return x;
  }

  /** The even bits of {@code v} packed into the low 32 bits. */
  private static long compact(long v) {
    long x = v & EVEN_BITS;
    x = (x | (x >>> 1)) & 0x3333333333333333L;
    x = (x | (x >>> 2)) & 0x0f0f0f0f0f0f0f0fL;
    x = (x | (x >>> 4)) & 0x00ff00ff00ff00ffL;
    x = (x | (x >>> 8)) & 0x0000ffff0000ffffL;
    x = (x | (x >>> 16)) & 0x00000000ffffffffL;
    return x;
  }

  /**
   * geohashDecode over the WGS84 ranges: the cell of a hash as
   * {@code {lonMin, lonMax, latMin, latMax}}.
   */
  static double[] area(long bits, int step) {
    long ilat = compact(bits);
    long ilon = compact(bits >>> 1);
    double cells = (double) (1L << step);
    double latScale = LAT_MAX - LAT_MIN;
    double lonScale = LONG_MAX - LONG_MIN;
    return new double[] {
        LONG_MIN + (ilon * 1.0 / cells) * lonScale,
        LONG_MIN + ((ilon + 1) * 1.0 / cells) * lonScale,
        LAT_MIN + (ilat * 1.0 / cells) * latScale,
        LAT_MIN + ((ilat + 1) * 1.0 / cells) * latScale};
  }

  /** decodeGeohash: the point {@code {lon, lat}} a score stands for (its cell's centre). */
  public static double[] decode(double score) {
    double[] a = area((long) score, STEP_MAX);
    double lon = Math.max(LONG_MIN, Math.min(LONG_MAX, (a[0] + a[1]) / 2));
    double lat = Math.max(LAT_MIN, Math.min(LAT_MAX, (a[2] + a[3]) / 2));
    return new double[] {lon, lat};
  }

  /** GEOHASH's 11-character standard geohash of a score (re-encoded over ±180, ±90). */
  public static byte[] standardHash(double score) {
    double[] xy = decode(score);
    long bits = encode(-180, 180, -90, 90, xy[0], xy[1], STEP_MAX);
    byte[] out = new byte[11];
    for (int i = 0; i < 11; i++) {
      int idx = i == 10 ? 0 : (int) ((bits >>> (52 - (i + 1) * 5)) & 0x1f);
      out[i] = (byte) ALPHABET.charAt(idx);
    }
    return out;
  }

  // ------------------------------------------------------------------ distances

  private static double rad(double deg) {
    return deg * D_R;
  }

  /** geohashGetDistance: the haversine distance in meters. */
  public static double distance(double lon1d, double lat1d, double lon2d, double lat2d) {
    double lat1r = rad(lat1d);
    double lon1r = rad(lon1d);
    double lat2r = rad(lat2d);
    double lon2r = rad(lon2d);
    double u = StrictMath.sin((lat2r - lat1r) / 2);
    double v = StrictMath.sin((lon2r - lon1r) / 2);
    return 2.0 * EARTH_RADIUS_IN_METERS
        * StrictMath.asin(StrictMath.sqrt(u * u + StrictMath.cos(lat1r) * StrictMath.cos(lat2r) * v * v));
  }

  // ------------------------------------------------------------------ search areas

  /**
   * geohashEstimateStepsByRadius: the step of the nine boxes for a search of that many
   * meters around a latitude.
   */
  static int estimateSteps(double rangeMeters, double lat) {
    if (rangeMeters == 0) {
      return 26;
    }
    int step = 1;
    double range = rangeMeters;
    while (range < MERCATOR_MAX) {
      range *= 2;
      step++;
    }
    step -= 2;
    if (lat > 66 || lat < -66) {
      step--;
      if (lat > 80 || lat < -80) {
        step--;
      }
    }
    return Math.max(1, Math.min(26, step));
  }

  /**
   * geohashCalculateAreasByShapeWGS84: the centre box and its eight neighbours (north, south,
   * east, west, north-east, north-west, south-east, south-west) covering {@code shape}, as
   * {@code bits} then {@code step} for each of the nine; a zeroed neighbour is to be skipped.
   */
  static long[] areas(GeoShape shape) {
    double lon = shape.lon();
    double lat = shape.lat();
    double height = shape.conversion() * (shape.box() ? shape.height() / 2 : shape.radius());
    double width = shape.conversion() * (shape.box() ? shape.width() / 2 : shape.radius());
    double latDelta = (height / EARTH_RADIUS_IN_METERS) / D_R;
    double lonDeltaTop = (width / EARTH_RADIUS_IN_METERS / StrictMath.cos(rad(lat + latDelta))) / D_R;
    double lonDeltaBottom =
        (width / EARTH_RADIUS_IN_METERS / StrictMath.cos(rad(lat - latDelta))) / D_R;
    boolean south = lat < 0;
    double minLon = south ? lon - lonDeltaBottom : lon - lonDeltaTop;
    double maxLon = south ? lon + lonDeltaBottom : lon + lonDeltaTop;
    double minLat = lat - latDelta;
    double maxLat = lat + latDelta;

    double radiusMeters = shape.box()
        ? Math.sqrt((shape.width() / 2) * (shape.width() / 2)
            + (shape.height() / 2) * (shape.height() / 2))
        : shape.radius();
    radiusMeters *= shape.conversion();
    int steps = estimateSteps(radiusMeters, lat);
    long hash = encode(LONG_MIN, LONG_MAX, LAT_MIN, LAT_MAX, lon, lat, steps);
    long[] n = neighbors(hash, steps);
    double[] north = area(n[0], steps);
    double[] southBox = area(n[1], steps);
    double[] east = area(n[2], steps);
    double[] west = area(n[3], steps);
    boolean decrease = north[3] < maxLat || southBox[2] > minLat || east[1] < maxLon
        || west[0] > minLon;
    if (steps > 1 && decrease) {
      steps--;
      hash = encode(LONG_MIN, LONG_MAX, LAT_MIN, LAT_MAX, lon, lat, steps);
      n = neighbors(hash, steps);
    }
    double[] area = area(hash, steps);
    long[] out = new long[18];
    out[0] = hash;
    out[1] = steps;
    for (int i = 0; i < 8; i++) {
      out[2 + 2 * i] = n[i];
      out[3 + 2 * i] = steps;
    }
    if (steps >= 2) {
      if (area[2] < minLat) {
        zero(out, SOUTH, SOUTH_WEST, SOUTH_EAST);
      }
      if (area[3] > maxLat) {
        zero(out, NORTH, NORTH_EAST, NORTH_WEST);
      }
      if (area[0] < minLon) {
        zero(out, WEST, SOUTH_WEST, NORTH_WEST);
      }
      if (area[1] > maxLon) {
        zero(out, EAST, SOUTH_EAST, NORTH_EAST);
      }
    }
    return out;
  }

  // positions of the neighbours in areas()'s result (after the centre, index 0)
  private static final int NORTH = 1;
  private static final int SOUTH = 2;
  private static final int EAST = 3;
  private static final int WEST = 4;
  private static final int NORTH_EAST = 5;
  private static final int NORTH_WEST = 6;
  private static final int SOUTH_EAST = 7;
  private static final int SOUTH_WEST = 8;

  private static void zero(long[] boxes, int... which) {
    for (int i : which) {
      boxes[2 * i] = 0;
      boxes[2 * i + 1] = 0;
    }
  }

  /**
   * geohashNeighbors: north, south, east, west, north-east, north-west, south-east,
   * south-west of a hash (wrapping around as Redis does).
   */
  private static long[] neighbors(long hash, int step) {
    return new long[] {
        moveY(hash, step, 1), moveY(hash, step, -1), moveX(hash, step, 1), moveX(hash, step, -1),
        moveY(moveX(hash, step, 1), step, 1), moveY(moveX(hash, step, -1), step, 1),
        moveY(moveX(hash, step, 1), step, -1), moveY(moveX(hash, step, -1), step, -1)};
  }

  /** geohash_move_x: one cell east ({@code d > 0}) or west in the longitude (odd) bits. */
  private static long moveX(long bits, int step, int d) {
    return move(bits, step, d, ODD_BITS, EVEN_BITS);
  }

  /** geohash_move_y: one cell north ({@code d > 0}) or south in the latitude (even) bits. */
  private static long moveY(long bits, int step, int d) {
    return move(bits, step, d, EVEN_BITS, ODD_BITS);
  }

  /**
   * One cell up ({@code d > 0}) or down in the interleaved coordinate whose bits are
   * {@code own}, leaving the {@code other} coordinate's bits: adds or subtracts one in
   * {@code own}'s positions by filling the gaps with ones, carrying through them.
   */
  private static long move(long bits, int step, int d, long own, long other) {
    long v = bits & own;
    long zz = other >>> (64 - step * 2);
    if (d > 0) {
      v = v + (zz + 1);
    } else {
      v = v | zz;
      v = v - (zz + 1);
    }
    v &= own >>> (64 - step * 2);
    return v | (bits & other);
  }

  // ------------------------------------------------------------------ number formats

  /** Redis's addReplyDoubleDistance text: {@code %.4f}. */
  public static String formatDistance(double d) {
    return fixed(d, 4);
  }

  /** C's {@code %.Nf} of a double: the exact value rounded half-even, {@code inf}, {@code nan}. */
  public static String fixed(double d, int decimals) {
    if (Double.isNaN(d)) {
      return d < 0 ? "-nan" : "nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "inf" : "-inf";
    }
    String s = new BigDecimal(d).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
    if ((d < 0 || (d == 0 && 1 / d < 0)) && s.charAt(0) != '-') {
      s = "-" + s;
    }
    return s;
  }
}
