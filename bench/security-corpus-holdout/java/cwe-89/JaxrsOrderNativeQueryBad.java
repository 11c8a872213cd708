package com.example.orders.api;

import java.util.List;
import javax.persistence.EntityManager;
import javax.persistence.PersistenceContext;
import javax.ws.rs.GET;
import javax.ws.rs.Path;
import javax.ws.rs.Produces;
import javax.ws.rs.QueryParam;
import javax.ws.rs.core.MediaType;

@Path("/orders")
public class JaxrsOrderNativeQueryBad {

    @PersistenceContext
    private EntityManager em;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @SuppressWarnings("unchecked")
    public List<Object[]> byStatus(@QueryParam("status") String status, @QueryParam("region") String region) {
        String sql = String.format("SELECT id, customer, total FROM orders WHERE status = '%s' AND region = '%s'", status, region);
        return em.createNativeQuery(sql).getResultList();
    }
}
