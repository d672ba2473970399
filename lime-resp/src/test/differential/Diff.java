import io.lime.resp.*;
import java.nio.*; import java.nio.file.*;
public class Diff { public static void main(String[] a) throws Exception {
  try (var ds = Files.newDirectoryStream(Path.of("cases"))) { var l = new java.util.ArrayList<Path>(); ds.forEach(l::add); java.util.Collections.sort(l);
  for (Path p : l) { int[] n = {0}; String err = "";
    try { new RequestParser().parse(ByteBuffer.wrap(Files.readAllBytes(p)), v -> { n[0]++; return true; }); }
    catch (ProtocolException e) { err = e.getMessage(); }
    System.out.println(p.getFileName() + "|" + n[0] + "|" + err); } } } }
