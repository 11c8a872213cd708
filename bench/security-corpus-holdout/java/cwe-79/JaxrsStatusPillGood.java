package com.example.status.api;

import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.PathParam;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import org.apache.commons.text.StringEscapeUtils;

@Path("/status-pill")
public class JaxrsStatusPillGood {

    @GET
    @Path("/{service}")
    @Produces(MediaType.TEXT_HTML)
    public String pill(@PathParam("service") String service, @QueryParam("label") String label) {
        String state = StatusBoard.current(service);
        String text = StringEscapeUtils.escapeHtml4(label != null ? label : service);
        return String.format("<span class=\"pill pill-%s\">%s: %s</span>", state, text, state);
    }
}
