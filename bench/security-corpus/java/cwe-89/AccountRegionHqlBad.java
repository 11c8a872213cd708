package com.example.crm.web;

import java.util.List;
import javax.persistence.EntityManager;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.example.crm.model.Account;

@RestController
public class AccountRegionHqlBad {
    private final EntityManager entityManager;

    public AccountRegionHqlBad(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    @GetMapping("/accounts/mine")
    public List<Account> accounts(@CookieValue(name = "region", defaultValue = "EU") String region) {
        String jpql = "SELECT a FROM Account a WHERE a.region = '" + region.toUpperCase() + "' ORDER BY a.name";
        return entityManager.createQuery(jpql, Account.class).getResultList();
    }
}
