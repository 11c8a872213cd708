package com.example.iam;

import static org.springframework.ldap.query.LdapQueryBuilder.query;

import java.util.List;
import org.springframework.ldap.core.AttributesMapper;
import org.springframework.ldap.core.LdapTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpringLdapTemplateGroupsGood {

    private final LdapTemplate ldap;

    public SpringLdapTemplateGroupsGood(LdapTemplate ldap) {
        this.ldap = ldap;
    }

    @GetMapping("/iam/groups")
    public List<String> groupsOf(@RequestParam String member) {
        String memberDn = "uid=" + member + ",ou=people,dc=example,dc=com";
        return ldap.search(
                query().base("ou=groups").where("objectClass").is("groupOfUniqueNames").and("uniqueMember").is(memberDn),
                (AttributesMapper<String>) attrs -> (String) attrs.get("cn").get());
    }
}
