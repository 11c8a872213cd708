package com.example.storage.api;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.util.Map;
import java.util.stream.Collectors;
import javax.ws.rs.GET;
import javax.ws.rs.NotFoundException;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.core.MediaType;

@Path("/volumes")
public class JaxrsDiskUsageGood {

    private static final Map<String, String> MOUNTS = Map.of(
            "data", "/mnt/data",
            "backup", "/mnt/backup",
            "media", "/mnt/media");

    @GET
    @Path("/{volume}/usage")
    @Produces(MediaType.TEXT_PLAIN)
    public String usage(@PathParam("volume") String volume) throws IOException {
        String mount = MOUNTS.get(volume);
        if (mount == null) {
            throw new NotFoundException();
        }
        String shellCmd = String.format("du -sh %s | cut -f1", mount);
        Process proc = Runtime.getRuntime().exec(new String[] {"sh", "-c", shellCmd});
        try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream()))) {
            return r.lines().collect(Collectors.joining("\n"));
        }
    }
}
