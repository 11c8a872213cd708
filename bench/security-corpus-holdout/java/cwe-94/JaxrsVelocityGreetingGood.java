package com.example.marketing.api;

import java.io.StringWriter;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;
import org.apache.velocity.VelocityContext;
import org.apache.velocity.app.Velocity;

@Path("/greetings")
public class JaxrsVelocityGreetingGood {

    private static final String TEMPLATE = "Dear $name, happy $season from all of us!";

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String greet(@QueryParam("name") String name, @QueryParam("season") String season) {
        VelocityContext ctx = new VelocityContext();
        ctx.put("name", name);
        ctx.put("season", season == null ? "holiday" : season);
        StringWriter out = new StringWriter();
        Velocity.evaluate(ctx, out, "greeting", TEMPLATE);
        return out.toString();
    }
}
