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
public class JaxrsOrderNativeQueryGood {

    @PersistenceContext
    private EntityManager em;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @SuppressWarnings("unchecked")
    public List<Object[]> byStatus(@QueryParam("status") String status, @QueryParam("region") String region) {
        return em.createNativeQuery("SELECT id, customer, total FROM orders WHERE status = ?1 AND region = ?2")
                .setParameter(1, status)
                .setParameter(2, region)
                .getResultList();
    }
}
