package com.example.crm.web;

import java.util.List;
import javax.persistence.EntityManager;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.example.crm.model.Account;

@RestController
public class AccountRegionNamedParamGood {
    private final EntityManager entityManager;

    public AccountRegionNamedParamGood(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @GetMapping("/accounts/mine")
    public List<Account> accounts(@CookieValue(name = "region", defaultValue = "EU") String region) {
        return entityManager.createQuery("SELECT a FROM Account a WHERE a.region = :region ORDER BY a.name", Account.class)
                .setParameter("region", region.toUpperCase())
                .getResultList();
    }
}
