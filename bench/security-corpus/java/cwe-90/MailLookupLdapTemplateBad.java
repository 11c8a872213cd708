package com.example.people.web;

import java.util.List;
import org.springframework.ldap.core.AttributesMapper;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.ldap.query.LdapQueryBuilder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class MailLookupLdapTemplateBad {
    private final LdapTemplate ldapTemplate;

    public MailLookupLdapTemplateBad(LdapTemplate ldapTemplate) {
        this.ldapTemplate = ldapTemplate;
    }

    @GetMapping("/people/by-mail")
    public List<String> byMail(@RequestParam String email) {
        String filter = "(&(objectClass=person)(mail=" + email.trim() + "))";
        return ldapTemplate.search(LdapQueryBuilder.query().base("ou=people").filter(filter),
                (AttributesMapper<String>) attrs -> (String) attrs.get("cn").get());
    }
}
