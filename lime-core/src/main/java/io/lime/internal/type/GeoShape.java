package io.lime.internal.type;

/**
 * A geo search area (Redis's GeoShape): a circle of {@code radius} or a box of
 * {@code width} by {@code height} (in the unit whose meters are {@code conversion}) around
 * the point {@code lon}, {@code lat}.
 */
public record GeoShape(boolean box, double lon, double lat, double radius, double width,
    double height, double conversion) {

  /** A circle of {@code radius} units around a point. */
  public static GeoShape circle(double lon, double lat, double radius, double conversion) {
    return new GeoShape(false, lon, lat, radius, 0, 0, conversion);
  }

  /** A box of {@code width} by {@code height} units centred on a point. */
  public static GeoShape box(double lon, double lat, double width, double height,
      double conversion) {
    return new GeoShape(true, lon, lat, 0, width, height, conversion);
  }

  /** The same area around another centre. */
  public GeoShape at(double newLon, double newLat) {
    return new GeoShape(box, newLon, newLat, radius, width, height, conversion);
  }

  /**
   * Redis's geoAppendIfWithinShape test: the distance in meters from the centre to the point
   * when it is inside the area, else NaN.
   */
  double distanceIfWithin(double x, double y) {
    if (!box) {
      double d = GeoHash.distance(lon, lat, x, y);
      return d > radius * conversion ? Double.NaN : d;
    }
    double lonDistance = GeoHash.distance(x, y, lon, y);
    double latDistance = GeoHash.distance(x, y, x, lat);
    if (lonDistance > width * conversion / 2 || latDistance > height * conversion / 2) {
      return Double.NaN;
    }
    return GeoHash.distance(lon, lat, x, y);
  }
}
