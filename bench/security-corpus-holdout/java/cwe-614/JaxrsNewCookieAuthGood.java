package com.example.portal.api;

import javax.ws.rs.FormParam;
import javax.ws.rs.POST;
import javax.ws.rs.Path;
import javax.ws.rs.core.NewCookie;
import javax.ws.rs.core.Response;

@Path("/session")
public class JaxrsNewCookieAuthGood {

    @POST
    public Response open(@FormParam("user") String user, @FormParam("password") String password) {
        String token = SessionService.open(user, password);
        if (token == null) {
            return Response.status(Response.Status.UNAUTHORIZED).build();
        }
        NewCookie cookie = new NewCookie("portal_session", token, "/", null, null, 3600, true, true);
        return Response.ok().cookie(cookie).build();
    }
}
