package com.example.groups.web;

import java.util.ArrayList;
import java.util.List;
import javax.naming.NamingEnumeration;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import org.springframework.ldap.support.LdapEncoder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class GroupMembersEncodedGood {
    private InitialDirContext ctx;

    @GetMapping("/groups/{group}/members")
    public List<String> members(@PathVariable String group) throws Exception {
        String filter = String.format("(&(objectClass=groupOfNames)(cn=%s))", LdapEncoder.filterEncode(group));
        NamingEnumeration<SearchResult> found = ctx.search("ou=groups,dc=example,dc=com", filter, new SearchControls());
        List<String> names = new ArrayList<>();
        while (found.hasMore()) {
            names.add(found.next().getName());
        }
        return names;
    }
}
